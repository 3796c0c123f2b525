// Small display helpers shared by the admin pages.

/** A server time (ISO-8601) as local date and time in the UI's language; '' when absent. */
export function formatDateTime(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

export interface DeviceInfo {
  browser: string;
  os: string;
}

/** Browser and system from a User-Agent header, roughly: enough to recognise one's devices. */
export function describeUserAgent(ua: string | null | undefined): DeviceInfo | null {
  if (!ua) return null;
  const browsers: [RegExp, string][] = [
    [/MicroMessenger\/([\d.]+)/, 'WeChat'],
    [/DingTalk\/([\d.]+)/, 'DingTalk'],
    [/wxwork\/([\d.]+)/i, 'WeCom'],
    [/Edg(?:e|A|iOS)?\/([\d.]+)/, 'Edge'],
    [/OPR\/([\d.]+)/, 'Opera'],
    [/Firefox\/([\d.]+)/, 'Firefox'],
    [/(?:Chrome|CriOS)\/([\d.]+)/, 'Chrome'],
    [/Version\/([\d.]+).*Safari/, 'Safari'],
    [/curl\/([\d.]+)/, 'curl'],
    [/node(?:-fetch)?\/?([\d.]*)/i, 'Node.js'],
  ];
  let browser = '';
  for (const [re, name] of browsers) {
    const m = ua.match(re);
    if (m) {
      const major = m[1]?.split('.')[0];
      browser = major ? `${name} ${major}` : name;
      break;
    }
  }
  const systems: [RegExp, string][] = [
    [/iPhone|iPad|iPod/, 'iOS'],
    [/Android/, 'Android'],
    [/HarmonyOS|OpenHarmony/, 'HarmonyOS'],
    [/Windows/, 'Windows'],
    [/Mac OS X|Macintosh/, 'macOS'],
    [/CrOS/, 'ChromeOS'],
    [/Linux/, 'Linux'],
  ];
  const os = systems.find(([re]) => re.test(ua))?.[1] ?? '';
  if (!browser && !os) return { browser: ua.slice(0, 40), os: '' };
  return { browser, os };
}

/** "Chrome 120 · Windows", or null when nothing is known. */
export function deviceLabel(ua: string | null | undefined): string | null {
  const d = describeUserAgent(ua);
  if (!d) return null;
  return [d.browser, d.os].filter(Boolean).join(' · ');
}
