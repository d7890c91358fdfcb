import { VelocityError } from './velocity-error.js';

/**
 * A calendar date in a location's own time zone, written `YYYY-MM-DD`. It names a day, not an
 * instant: the same LocalDay starts at different instants in Brisbane and New York.
 */
export type LocalDay = string;

const LOCAL_DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `text` is a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isLocalDay(text: string): boolean {
  const match = LOCAL_DAY_PATTERN.exec(text);
  if (!match) return false;

  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const roundTrip = new Date(Date.UTC(year, month - 1, day));
  return (
    roundTrip.getUTCFullYear() === year &&
    roundTrip.getUTCMonth() === month - 1 &&
    roundTrip.getUTCDate() === day
  );
}

/** Splits a LocalDay into its year, month (1-12) and day of month; throws on a malformed day. */
export function localDayParts(day: LocalDay): { year: number; month: number; dayOfMonth: number } {
  if (!isLocalDay(day)) {
    throw new VelocityError(
      'invalid_local_day',
      `expected a YYYY-MM-DD calendar date, got '${day}'`,
    );
  }

  const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
  return { year, month, dayOfMonth };
}

/**
 * The calendar day `count` days after `day` (before, when negative). Pure calendar arithmetic:
 * a local day is one day however many hours it has, so no time zone is involved.
 */
export function addLocalDays(day: LocalDay, count: number): LocalDay {
  const { year, month, dayOfMonth } = localDayParts(day);
  return new Date(Date.UTC(year, month - 1, dayOfMonth + count)).toISOString().slice(0, 10);
}

/** Every local day from `first` to `last`, both included, in order; empty when last < first. */
export function listLocalDays(first: LocalDay, last: LocalDay): LocalDay[] {
  const days: LocalDay[] = [];
  for (let day = first; day <= last; day = addLocalDays(day, 1)) days.push(day);
  return days;
}
