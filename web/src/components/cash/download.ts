// Saving a file the server sends (the quote's PDF): its name from Content-Disposition, and the
// browser's download started from the bytes already fetched (so errors show as messages, not as
// a browser error page).

/**
 * The file name of a Content-Disposition header: filename* (RFC 5987, UTF-8) first, then the
 * plain filename, then `fallback`. Path separators are dropped.
 */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  let name = '';
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      name = decodeURIComponent(star[1]!.trim());
    } catch {
      name = '';
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*"([^"]*)"/i.exec(header) ?? /filename\s*=\s*([^;]+)/i.exec(header);
    name = plain ? plain[1]!.trim() : '';
  }
  name = name.replace(/[/\\]/g, '_').trim();
  return name || fallback;
}

/** Starts the browser's download of `blob` as `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
