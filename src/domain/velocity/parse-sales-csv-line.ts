import type { LocalDay } from './local-day.js';
import { isLocalDay } from './local-day.js';
import { parseOffsetInstant } from './parse-offset-instant.js';
import type { SalesCsvHeader } from './parse-sales-csv-header.js';
import type { SalesCsvError, SalesCsvErrorReason } from './sales-csv-error.js';
import { splitCsvLine } from './split-csv-line.js';

interface SalesCsvRowBase {
  line: number;
  /** The location handle as written; the importer maps it to the registry. */
  location: string;
  /** The SKU as written; the importer maps it to an item (a SKU can be shared or blank). */
  sku: string;
  /** Units sold; negative for a refund or return. */
  quantity: number;
}

/** A past sale dated by an instant (`occurred_at`). */
export interface SalesCsvInstantRow extends SalesCsvRowBase {
  occurredAt: Date;
}

/** A past sale dated by the location's local day (`date`). */
export interface SalesCsvDayRow extends SalesCsvRowBase {
  localDay: LocalDay;
}

export type SalesCsvRow = SalesCsvInstantRow | SalesCsvDayRow;

/** A parsed line: a row, null for a blank line (which carries no sale), or why it was refused. */
export type SalesCsvLineResult =
  { ok: true; row: SalesCsvRow | null } | { ok: false; error: SalesCsvError };

/**
 * Parses one data line of a past-sales CSV against its header, so a caller can stream a file
 * of any size line by line and collect every refused line rather than stop at the first.
 * `lineNumber` is 1-based, counting the header as line 1.
 */
export function parseSalesCsvLine(
  header: SalesCsvHeader,
  line: string,
  lineNumber: number,
): SalesCsvLineResult {
  const text = line.replace(/\r$/, '');
  if (text.trim() === '') return { ok: true, row: null };
  const fail = (
    reason: SalesCsvErrorReason,
    column: string | null,
    value: string | null,
    why: string,
  ) =>
    ({
      ok: false,
      error: { line: lineNumber, column, reason, value, message: `line ${lineNumber}: ${why}` },
    }) as const;

  const split = splitCsvLine(text);
  if (!split.ok) {
    const column = header.names[split.fieldIndex] ?? null;
    return fail(
      split.reason,
      column,
      null,
      `broken quoting in column '${column ?? split.fieldIndex + 1}'`,
    );
  }
  const fields = split.fields;
  if (fields.length !== header.names.length) {
    const why = `expected ${header.names.length} fields as in the header, found ${fields.length}`;
    return fail('wrong_field_count', null, text, why);
  }

  const location = fields[header.location]!;
  if (location === '') return fail('missing_value', 'location', '', 'the location is empty');
  const sku = fields[header.sku]!;
  if (sku === '') return fail('missing_value', 'sku', '', 'the sku is empty');

  const quantityText = fields[header.quantity]!;
  if (quantityText === '') return fail('missing_value', 'quantity', '', 'the quantity is empty');
  const quantity = Number(quantityText);
  if (!/^[+-]?\d+$/.test(quantityText) || !Number.isSafeInteger(quantity)) {
    const why = `quantity '${quantityText}' is not a whole number of units (negative for a refund)`;
    return fail('invalid_quantity', 'quantity', quantityText, why);
  }
  const base = { line: lineNumber, location, sku, quantity };

  const instantText = header.occurredAt === null ? '' : fields[header.occurredAt]!;
  if (instantText !== '') {
    const parsed = parseOffsetInstant(instantText);
    if (parsed.ok) return { ok: true, row: { ...base, occurredAt: parsed.instant } };
    const why =
      parsed.reason === 'instant_without_offset'
        ? `occurred_at '${instantText}' has no UTC offset; ` +
          'add one (e.g. -05:00 or Z) or use the date column'
        : `occurred_at '${instantText}' is not an ISO 8601 instant ` +
          'like 2026-03-08T09:30:00-04:00';
    return fail(parsed.reason, 'occurred_at', instantText, why);
  }

  const dayText = header.date === null ? '' : fields[header.date]!;
  if (dayText === '') {
    const column =
      header.date === null
        ? 'occurred_at'
        : header.occurredAt === null
          ? 'date'
          : 'date|occurred_at';
    return fail('missing_value', column, '', 'the sale has no date or occurred_at');
  }
  if (!isLocalDay(dayText)) {
    return fail(
      'invalid_date',
      'date',
      dayText,
      `date '${dayText}' is not a calendar day written YYYY-MM-DD`,
    );
  }
  return { ok: true, row: { ...base, localDay: dayText } };
}
