// What a scheduled job's run did, as a sentence for 定时任务: the server keeps the handler's result
// on each run (GET /api/v1/admin/jobs → runs[].result, docs/api/notify.md), a small object of
// counts such as {"purged": 12, "kept_referenced": 1}. Known counts read as phrases
// (notify.jobs.results.*), counts of 0 are left out, and anything else is listed as key: value so a
// new job's result is never hidden.

/** A run's result as the server returns it; null when the run had nothing to say. */
export type JobResult = Record<string, unknown>;

/** vue-i18n's t with named values and a count choosing the plural form ("one record | {n} records"). */
export type Translate = (key: string, values: Record<string, unknown>, plural: number) => string;

const PREFIX = 'notify.jobs.results';

/** The counts with a phrase of their own in notify.jobs.results.counts (keys of the server's JobResults). */
export const KNOWN_COUNTS = [
  'purged',
  'kept_referenced',
  'uploads_deleted',
  'blobs_removed',
  'expired',
  'plans_updated',
  'returned',
  'notices',
  'reminded',
] as const;

function plainValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * The sentence for a run's result: "彻底删除 12 条记录，1 条因被引用而保留" / "Purged 12 records; 1 kept
 * (still referenced)"; "—" when there is none.
 */
export function jobResultText(result: JobResult | null | undefined, t: Translate): string {
  if (!result || typeof result !== 'object' || Array.isArray(result)) return '—';
  const entries = Object.entries(result);
  if (entries.length === 0) return '—';
  const known = KNOWN_COUNTS as readonly string[];
  const phrases: string[] = [];
  const others: string[] = [];
  let zeros = 0;
  for (const [key, value] of entries) {
    const count = typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
    if (key === 'mailed' && count !== null) {
      phrases.push(t(count > 0 ? `${PREFIX}.mailed` : `${PREFIX}.notMailed`, { n: count }, count));
    } else if (known.includes(key) && count !== null) {
      if (count > 0) phrases.push(t(`${PREFIX}.counts.${key}`, { n: count }, count));
      else ++zeros;
    } else {
      others.push(`${key}: ${plainValue(value)}`);
    }
  }
  if (phrases.length === 0 && others.length === 0 && zeros > 0) return t(`${PREFIX}.nothing`, {}, 1);
  const separator = t(`${PREFIX}.separator`, {}, 1);
  // The English phrases are written to follow one another: the sentence starts with a capital.
  const first = phrases[0];
  if (first) phrases[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return [...phrases, others.join(', ')].filter((s) => s !== '').join(separator);
}
