import { NetSuiteError } from './netsuite-error.js';
import type { SuiteQlRow } from './suiteql-client.js';

/*
 * Readers for SuiteQL's all-string values. A value we cannot read is a fault of the answer, not
 * of the caller, so it is `netsuite_bad_response` naming the column and what was there.
 */
const INTEGER_ID = /^-?(?:0|[1-9][0-9]*)$/;
const DECIMAL = /^-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** A required internal id, kept as its decimal string. */
export function readId(row: SuiteQlRow, column: string, where: string): string {
  const value = row[column];
  if (value === undefined || !INTEGER_ID.test(value) || !Number.isSafeInteger(Number(value))) {
    throw unreadable(row, column, where, 'an integer id');
  }
  return value;
}

/** A quantity; NetSuite leaves a null quantity out of the row, which counts as 0. */
export function readQuantity(row: SuiteQlRow, column: string, where: string): number {
  const value = row[column];
  if (value === undefined) return 0;
  if (!DECIMAL.test(value) || !Number.isFinite(Number(value))) {
    throw unreadable(row, column, where, 'a decimal number');
  }
  return Number(value);
}

/** "T" or "F"; undefined when the column was null. */
export function readFlag(row: SuiteQlRow, column: string, where: string): boolean | undefined {
  const value = row[column];
  if (value === undefined) return undefined;
  if (value === 'T') return true;
  if (value === 'F') return false;
  throw unreadable(row, column, where, '"T" or "F"');
}

function unreadable(
  row: SuiteQlRow,
  column: string,
  where: string,
  expected: string,
): NetSuiteError {
  const seen = row[column];
  const held = seen === undefined ? 'nothing' : JSON.stringify(seen);
  return new NetSuiteError(
    'netsuite_bad_response',
    `SuiteQL column ${column} in ${where} holds ${held}; expected ${expected}`,
    { where, column, seen },
  );
}
