import { NetSuiteError } from './netsuite-error.js';

/*
 * SuiteQL over REST takes no bind parameters, so every value in a query is written into its
 * text. Only the two kinds of literal our queries need are allowed, each checked here against a
 * pattern that cannot carry SQL: a decimal integer and a `YYYY-MM-DD HH24:MI:SS` timestamp.
 */
const DECIMAL_INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * Returns `value` unchanged if it is a string holding a safe decimal integer (no sign but `-`,
 * no leading zeros, no spaces, no exponent, within ±2^53−1); throws `netsuite_unsafe_literal`
 * otherwise, naming what was seen and where.
 */
export function suiteQlInteger(value: unknown, where: string): string {
  const isSafe =
    typeof value === 'string' &&
    DECIMAL_INTEGER.test(value) &&
    value !== '-0' &&
    Number.isSafeInteger(Number(value));

  if (!isSafe) throw unsafe(value, where, 'a safe decimal integer string such as "42"');
  return value;
}

/** Returns a `YYYY-MM-DD HH24:MI:SS` timestamp unchanged if it names a real instant. */
export function suiteQlTimestamp(value: unknown, where: string): string {
  const match = typeof value === 'string' ? TIMESTAMP.exec(value) : null;
  const expected = 'a timestamp written YYYY-MM-DD HH24:MI:SS';
  if (!match) throw unsafe(value, where, expected);

  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const instant = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const roundTrips =
    instant.getUTCFullYear() === year &&
    instant.getUTCMonth() === month - 1 &&
    instant.getUTCDate() === day &&
    instant.getUTCHours() === hour &&
    instant.getUTCMinutes() === minute &&
    instant.getUTCSeconds() === second;

  if (!roundTrips) throw unsafe(value, where, expected);
  return value as string;
}

function unsafe(value: unknown, where: string, expected: string): NetSuiteError {
  const seen = describe(value);
  return new NetSuiteError(
    'netsuite_unsafe_literal',
    `refused to inline ${seen} into SuiteQL as ${where}; expected ${expected}`,
    { where, seen, expected },
  );
}

function describe(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    return `the ${typeof value} ${String(value)}`;
  }
  return value === null ? 'null' : typeof value;
}
