import { isLocalDay } from './local-day.js';

export type OffsetInstant =
  { ok: true; instant: Date } | { ok: false; reason: 'invalid_instant' | 'instant_without_offset' };

const INSTANT_PATTERN =
  /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an ISO 8601 instant that carries its offset (`2026-03-08T01:30:00-05:00`, `...Z`).
 * A wall-clock time without an offset is refused: which zone it meant is a guess, and on a DST
 * change day the guess can be an hour off. Fields are checked by hand rather than left to
 * `Date.parse`, which accepts different shapes on different engines.
 */
export function parseOffsetInstant(text: string): OffsetInstant {
  const match = INSTANT_PATTERN.exec(text);
  if (!match) return { ok: false, reason: 'invalid_instant' };
  const [, day, hourText, minuteText, secondText, fractionText, offsetText] = match;
  if (!isLocalDay(day!)) return { ok: false, reason: 'invalid_instant' };
  if (offsetText === undefined) return { ok: false, reason: 'instant_without_offset' };

  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText ?? '0');
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: 'invalid_instant' };
  const offsetMinutes = parseOffsetMinutes(offsetText);
  if (offsetMinutes === null) return { ok: false, reason: 'invalid_instant' };

  const [year, month, dayOfMonth] = day!.split('-').map(Number) as [number, number, number];
  const millis = Number((fractionText ?? '').padEnd(3, '0').slice(0, 3));
  const wallMs = Date.UTC(year, month - 1, dayOfMonth, hour, minute, second, millis);
  return { ok: true, instant: new Date(wallMs - offsetMinutes * 60_000) };
}

function parseOffsetMinutes(text: string): number | null {
  if (text === 'Z' || text === 'z') return 0;

  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  // Real offsets run from -12:00 to +14:00; anything past 18 h is a typo, not a zone.
  if (hours > 18 || minutes > 59) return null;
  return (text.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}
