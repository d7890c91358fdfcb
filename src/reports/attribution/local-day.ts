import { TrueshelfError } from '../../shared/error-catalogue.js';

const formats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone; 23- and 25-hour days too. */
export function localDay(instant: string, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format.format(new Date(instant));
}

/** A `YYYY-MM-DD` the report was asked for, or a 400 saying which and what was seen. */
export function requireDay(value: string, name: 'from' | 'to'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new TrueshelfError(
      'invalid_request',
      `${name} is ${JSON.stringify(value)}; expected a date as YYYY-MM-DD`,
      { parameter: name, seen: value, expected: 'a date as YYYY-MM-DD' },
    );
  }
  return value;
}

/**
 * UTC instants that surely hold every local day from `from` to `to`, in any zone (UTC−12 to
 * UTC+14); entries are then kept by their own store's local day.
 */
export function utcWindow(from: string, to: string): { lo: string; hi: string } {
  const lo = Date.parse(`${from}T00:00:00Z`) - 14 * 3_600_000;
  const hi = Date.parse(`${to}T00:00:00Z`) + 36 * 3_600_000;
  return { lo: new Date(lo).toISOString(), hi: new Date(hi).toISOString() };
}
