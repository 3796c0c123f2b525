// 回收站保留天数: the values the server takes (0, or 7–3650 days) and what the editor starts from.

export const RETENTION_MIN_DAYS = 7;
export const RETENTION_MAX_DAYS = 3650;
export const RETENTION_DEFAULT_DAYS = 90;

/** Whether the server takes `days`: 0 (kept until purged by hand) or a whole number of 7–3650 days. */
export function validRetention(days: number): boolean {
  return days === 0 || (Number.isInteger(days) && days >= RETENTION_MIN_DAYS && days <= RETENTION_MAX_DAYS);
}

/** The editor's state for a saved value: automatic purge on or off, and the days shown (the default when off). */
export function retentionForm(days: number): { auto: boolean; days: number } {
  return days > 0 ? { auto: true, days } : { auto: false, days: RETENTION_DEFAULT_DAYS };
}

/** What the editor saves. */
export function retentionValue(form: { auto: boolean; days: number }): number {
  return form.auto ? form.days : 0;
}
