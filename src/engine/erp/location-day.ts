/**
 * The calendar day of an instant in a time zone, `YYYY-MM-DD`: a count or a sale belongs to
 * the day at the store, not in UTC. A location without a time zone (a warehouse not yet
 * configured) falls back to UTC.
 */
export function dayAt(instant: string | Date, timeZone: string | null): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timeZone ?? 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
