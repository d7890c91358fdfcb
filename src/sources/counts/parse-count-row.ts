import { parseOffsetInstant } from '../../domain/velocity/parse-offset-instant.js';
import type { OffsetInstant } from '../../domain/velocity/parse-offset-instant.js';
import type { CountColumns } from './count-csv-header.js';
import type { CountLineErrorReason } from './count-line-error.js';

/** How a row names its item: by SKU, by barcode, or by a code that may be either. */
export interface ItemCode {
  readonly by: 'sku' | 'barcode' | 'code';
  readonly value: string;
}

/** A row whose fields are well formed; its location and item are not looked up yet. */
export interface CountRow {
  readonly locationRef: string;
  /** The first code names the item; a second one (a barcode beside a SKU) must agree. */
  readonly codes: readonly ItemCode[];
  readonly countedQuantity: number;
  /** UTC, from `toISOString()`, so it compares as text with the ledger's instants. */
  readonly countedAt: string;
  readonly counter: string | null;
  readonly area: string | null;
}

export type ParsedCountRow = { ok: true; row: CountRow } | ({ ok: false } & CountRowFailure);

/** Why a row's fields were refused. */
export interface CountRowFailure {
  reason: CountLineErrorReason;
  detail: string;
}

// Shopify's own ceiling for a quantity; a count above it is a typo, not stock.
const MAX_COUNT = 2_000_000_000;
// Digits with an optional sign and decimals: no exponents, no thousands separators.
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Checks one row's fields: a whole, non-negative count and an instant that carries its zone.
 * A count instant without an offset is refused rather than guessed: the same wall-clock time
 * names different instants in different stores, and the count is reconciled to the instant.
 */
export function parseCountRow(
  fields: readonly string[],
  columns: CountColumns,
  now: Date,
  futureToleranceMs: number,
): ParsedCountRow {
  const checked = new CheckedCountRow();
  const failure = checkCountRow(fields, columns, now, futureToleranceMs, checked);
  return failure ? { ok: false, ...failure } : { ok: true, row: checked.toRow() };
}

/**
 * A row's values as `checkCountRow` leaves them: one object, rewritten for every line of a
 * file, so that reading a million lines builds no object per line (see `CountBatch` on why).
 */
export class CheckedCountRow {
  locationRef = '';
  /** The codes in column order (SKU, either, barcode); `codeCount` of them are set. */
  readonly codeBy: ItemCode['by'][] = ['sku', 'sku', 'sku'];
  readonly codeValue: string[] = ['', '', ''];
  codeCount = 0;
  countedQuantity = 0;
  countedAt = '';
  counter: string | null = null;
  area: string | null = null;

  toRow(): CountRow {
    const codes: ItemCode[] = [];
    for (let at = 0; at < this.codeCount; at += 1) {
      codes.push({ by: this.codeBy[at]!, value: this.codeValue[at]! });
    }
    return {
      locationRef: this.locationRef,
      codes,
      countedQuantity: this.countedQuantity,
      countedAt: this.countedAt,
      counter: this.counter,
      area: this.area,
    };
  }
}

/** `parseCountRow` into `into`: null when the row is good, else why it is not. */
export function checkCountRow(
  fields: readonly string[],
  columns: CountColumns,
  now: Date,
  futureToleranceMs: number,
  into: CheckedCountRow,
): CountRowFailure | null {
  if (fields.length !== columns.width) {
    return fail('wrong_column_count', `expected ${columns.width} columns, found ${fields.length}`);
  }

  const locationRef = fields[columns.location] ?? '';
  if (locationRef === '') return fail('unknown_location', 'the location column is empty');

  into.codeCount = 0;
  addCode(into, 'sku', fields, columns.sku);
  addCode(into, 'code', fields, columns.code);
  addCode(into, 'barcode', fields, columns.barcode);
  if (into.codeCount === 0) return fail('missing_code', 'neither a SKU nor a barcode is given');

  const quantity = parseCount(fields[columns.countedQuantity] ?? '');
  if (typeof quantity !== 'number') return quantity;

  const countedAtText = fields[columns.countedAt] ?? '';
  if (countedAtText === '') return fail('missing_counted_at', 'the counted_at column is empty');
  const instant = parseInstantCached(countedAtText);
  if (!instant.ok) {
    return instant.reason === 'instant_without_offset'
      ? fail(
          'counted_at_without_zone',
          `'${countedAtText}' has no offset or Z; write e.g. ${countedAtText}+10:00`,
        )
      : fail('invalid_counted_at', `'${countedAtText}' is not an ISO-8601 date and time`);
  }
  if (instant.epochMs > now.getTime() + futureToleranceMs) {
    return fail('counted_in_future', `'${countedAtText}' is later than now (${now.toISOString()})`);
  }

  into.locationRef = locationRef;
  into.countedQuantity = quantity;
  into.countedAt = instant.utc;
  into.counter = optional(fields, columns.counter);
  into.area = optional(fields, columns.area);
  return null;
}

type CachedInstant =
  { ok: true; epochMs: number; utc: string } | Extract<OffsetInstant, { ok: false }>;

// A file's counts share a handful of instants (a store counts in one session), so the last few
// parses are kept, with their UTC text: on a million-line file this is most of the parsing time.
const recentInstants = new Map<string, CachedInstant>();

function parseInstantCached(text: string): CachedInstant {
  const known = recentInstants.get(text);
  if (known) return known;

  const parsed = parseOffsetInstant(text);
  const cached: CachedInstant = parsed.ok
    ? { ok: true, epochMs: parsed.instant.getTime(), utc: parsed.instant.toISOString() }
    : parsed;
  if (recentInstants.size >= 64) recentInstants.clear();
  recentInstants.set(text, cached);
  return cached;
}

function parseCount(text: string): number | CountRowFailure {
  if (text === '') return fail('missing_count', 'the counted_quantity column is empty');
  if (!PLAIN_NUMBER.test(text)) return fail('invalid_count', `'${text}' is not a number`);

  const value = Number(text);
  if (value < 0) return fail('negative_count', `${text} is below zero; a count is 0 or more`);
  if (!Number.isInteger(value))
    return fail('fractional_count', `${text} is not a whole number of units`);
  if (value > MAX_COUNT) return fail('count_too_large', `${text} is above ${MAX_COUNT}`);
  // `+ 0` turns a written "-0" into 0.
  return value + 0;
}

function addCode(
  into: CheckedCountRow,
  by: ItemCode['by'],
  fields: readonly string[],
  index: number | null,
): void {
  const value = index === null ? '' : (fields[index] ?? '');
  if (value === '') return;
  into.codeBy[into.codeCount] = by;
  into.codeValue[into.codeCount] = value;
  into.codeCount += 1;
}

function optional(fields: readonly string[], index: number | null): string | null {
  if (index === null) return null;
  const value = fields[index] ?? '';
  return value === '' ? null : value;
}

function fail(reason: CountLineErrorReason, detail: string): CountRowFailure {
  return { reason, detail };
}
