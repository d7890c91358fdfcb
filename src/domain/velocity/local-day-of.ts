import type { LocalDay } from './local-day.js';
import { addLocalDays, localDayParts } from './local-day.js';

const HOUR_MS = 3_600_000;

// Building a DateTimeFormat is far slower than using one, and a chain has few zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime's time-zone database knows `timeZone` (e.g. 'Australia/Brisbane'). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function wallClockParts(instantMs: number, timeZone: string): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts;
}

/** The local calendar day in `timeZone` that contains `instant`. */
export function localDayOf(instant: Date, timeZone: string): LocalDay {
  const parts = wallClockParts(instant.getTime(), timeZone);
  const month = String(parts.month).padStart(2, '0');
  const day = String(parts.day).padStart(2, '0');
  return `${parts.year}-${month}-${day}`;
}

// Offset of the zone's wall clock from UTC at an instant, in ms (Brisbane: +10 h).
function offsetAt(instantMs: number, timeZone: string): number {
  const p = wallClockParts(instantMs, timeZone);
  const wallMs = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wallMs - (instantMs - (((instantMs % 1000) + 1000) % 1000));
}

/**
 * The first instant of a local day in `timeZone`. Usually local midnight; where a zone springs
 * forward at midnight the day starts at the first wall-clock time that exists.
 */
export function startOfLocalDay(day: LocalDay, timeZone: string): Date {
  const { year, month, dayOfMonth } = localDayParts(day);
  const wallMidnight = Date.UTC(year, month - 1, dayOfMonth);

  // Two rounds of "midnight minus the offset" settle on the answer unless a transition is near.
  let guess = wallMidnight - offsetAt(wallMidnight, timeZone);
  guess = wallMidnight - offsetAt(guess, timeZone);
  const startsHere = localDayOf(new Date(guess), timeZone) === day;
  const startedBefore = localDayOf(new Date(guess - 1), timeZone) === day;
  if (startsHere && !startedBefore) return new Date(guess);

  // Offsets lie within -12 h..+14 h, so the start lies in this 28-hour span; search it.
  let low = wallMidnight - 15 * HOUR_MS;
  let high = wallMidnight + 13 * HOUR_MS;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (localDayOf(new Date(middle), timeZone) >= day) high = middle;
    else low = middle;
  }
  return new Date(high);
}

/** The length of a local day in ms: 23 h or 25 h on a DST change day, 24 h otherwise. */
export function localDayLengthMs(day: LocalDay, timeZone: string): number {
  const start = startOfLocalDay(day, timeZone).getTime();
  return startOfLocalDay(addLocalDays(day, 1), timeZone).getTime() - start;
}
