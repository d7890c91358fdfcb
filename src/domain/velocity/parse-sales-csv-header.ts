import type { SalesCsvError } from './sales-csv-error.js';
import { splitCsvLine } from './split-csv-line.js';

/** Where each known column sits in a past-sales CSV (0-based); other columns are ignored. */
export interface SalesCsvHeader {
  /** Every column name as written, lower-cased, by position. */
  names: string[];
  date: number | null;
  occurredAt: number | null;
  location: number;
  sku: number;
  quantity: number;
}

export type SalesCsvHeaderResult =
  { ok: true; header: SalesCsvHeader } | { ok: false; error: SalesCsvError };

/**
 * Reads the header line of a past-sales CSV. Names are matched without regard to case or
 * surrounding spaces. `location`, `sku` and `quantity` are required, and at least one of `date`
 * (a local day) and `occurred_at` (an instant with its offset); with both, a row uses
 * `occurred_at` when it is filled and `date` otherwise.
 */
export function parseSalesCsvHeader(line: string, lineNumber = 1): SalesCsvHeaderResult {
  const text = line.replace(/^\uFEFF/, '').replace(/\r$/, '');
  const split = splitCsvLine(text);
  if (!split.ok)
    return fail(lineNumber, split.reason, null, text, 'the header line has broken quoting');
  const names = split.fields.map((name) => name.toLowerCase());
  if (names.every((name) => name === '')) {
    return fail(
      lineNumber,
      'empty_header',
      null,
      text,
      'expected a header line naming the columns',
    );
  }

  const positions = new Map<string, number>();
  for (const [index, name] of names.entries()) {
    if (name === '') continue;
    if (positions.has(name)) {
      return fail(
        lineNumber,
        'duplicate_column',
        name,
        name,
        `column '${name}' appears more than once`,
      );
    }
    positions.set(name, index);
  }

  for (const required of ['location', 'sku', 'quantity']) {
    if (!positions.has(required)) {
      return fail(
        lineNumber,
        'missing_column',
        required,
        null,
        `the header has no '${required}' column`,
      );
    }
  }
  if (!positions.has('date') && !positions.has('occurred_at')) {
    return fail(
      lineNumber,
      'missing_column',
      'date',
      null,
      "the header needs a 'date' or an 'occurred_at' column",
    );
  }

  return {
    ok: true,
    header: {
      names,
      date: positions.get('date') ?? null,
      occurredAt: positions.get('occurred_at') ?? null,
      location: positions.get('location')!,
      sku: positions.get('sku')!,
      quantity: positions.get('quantity')!,
    },
  };
}

function fail(
  line: number,
  reason: SalesCsvError['reason'],
  column: string | null,
  value: string | null,
  message: string,
): SalesCsvHeaderResult {
  return { ok: false, error: { line, column, reason, value, message: `line ${line}: ${message}` } };
}
