import { localAvailabilities, pickupMethods, pickupSlas } from './local-inventory-row.js';
import type { LocalInventoryRow, Money } from './local-inventory-row.js';

/*
 * What Google would refuse, checked before anything is sent (research/google.md §1.2 and §2):
 * the feed `id` ≤ 50 characters, a store code, English enum values, quantity an integer ≥ 0,
 * `instoreProductLocation` ≤ 20 bytes, and pickup method and SLA only as a pair, except "not
 * supported", which stands alone. Rows are values from our own code, but a row can also come
 * from a feed file or a config, so nothing about the type is trusted here.
 */
export interface RowProblem {
  readonly field: string;
  readonly value: unknown;
  readonly expected: string;
}

export type RowValidation =
  | { readonly ok: true }
  | { readonly ok: false; readonly problems: readonly RowProblem[]; readonly message: string };

const MAX_OFFER_ID_CHARS = 50;
const MAX_INSTORE_LOCATION_BYTES = 20;
// Tabs and line breaks cannot travel in a TSV feed; other control characters not in XML.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

export function validateLocalInventoryRow(row: LocalInventoryRow): RowValidation {
  const problems = [
    ...textProblems(row),
    ...enumProblems(row),
    ...quantityProblems(row),
    ...pickupProblems(row),
    ...priceProblems('price', row.price),
    ...priceProblems('salePrice', row.salePrice),
  ];
  if (problems.length === 0) return { ok: true };

  const said = problems.map((p) => `${p.field} is ${describe(p.value)}, expected ${p.expected}`);
  const where = `offer ${describe(row.offerId)} at store ${describe(row.storeCode)}`;
  return { ok: false, problems, message: `${where}: ${said.join('; ')}` };
}

function textProblems(row: LocalInventoryRow): RowProblem[] {
  const problems: RowProblem[] = [];
  const required = ['offerId', 'storeCode', 'contentLanguage', 'feedLabel'] as const;
  for (const field of required) {
    const value: unknown = row[field];
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push({ field, value, expected: 'a non-blank string' });
    } else if (CONTROL.test(value)) {
      problems.push({ field, value, expected: 'no tabs, line breaks or control characters' });
    }
  }

  if (typeof row.offerId === 'string' && [...row.offerId].length > MAX_OFFER_ID_CHARS) {
    problems.push({
      field: 'offerId',
      value: row.offerId,
      expected: `at most ${MAX_OFFER_ID_CHARS} characters (it has ${[...row.offerId].length})`,
    });
  }
  if (typeof row.storeCode === 'string' && row.storeCode !== row.storeCode.trim()) {
    // Store codes match the Business Profile exactly; a stray space never matches.
    problems.push({
      field: 'storeCode',
      value: row.storeCode,
      expected: 'no leading or trailing spaces',
    });
  }

  const location: unknown = row.instoreProductLocation;
  if (location !== undefined) {
    const bytes = typeof location === 'string' ? Buffer.byteLength(location, 'utf8') : NaN;
    if (!(bytes <= MAX_INSTORE_LOCATION_BYTES) || CONTROL.test(String(location))) {
      problems.push({
        field: 'instoreProductLocation',
        value: location,
        expected: `text of at most ${MAX_INSTORE_LOCATION_BYTES} bytes in UTF-8${
          Number.isNaN(bytes) ? '' : ` (it has ${bytes})`
        }`,
      });
    }
  }
  return problems;
}

function enumProblems(row: LocalInventoryRow): RowProblem[] {
  const problems: RowProblem[] = [];
  if (!isOneOf(row.availability, localAvailabilities)) {
    problems.push({
      field: 'availability',
      value: row.availability,
      expected: oneOf(localAvailabilities),
    });
  }
  if (row.pickupMethod !== undefined && !isOneOf(row.pickupMethod, pickupMethods)) {
    problems.push({
      field: 'pickupMethod',
      value: row.pickupMethod,
      expected: oneOf(pickupMethods),
    });
  }
  if (row.pickupSla !== undefined && !isOneOf(row.pickupSla, pickupSlas)) {
    problems.push({ field: 'pickupSla', value: row.pickupSla, expected: oneOf(pickupSlas) });
  }
  return problems;
}

function quantityProblems(row: LocalInventoryRow): RowProblem[] {
  const quantity: unknown = row.quantity;
  if (typeof quantity === 'number' && Number.isSafeInteger(quantity) && quantity >= 0) return [];
  return [{ field: 'quantity', value: quantity, expected: 'a whole number of 0 or more' }];
}

function pickupProblems(row: LocalInventoryRow): RowProblem[] {
  if (row.pickupSla !== undefined && row.pickupMethod === undefined) {
    return [
      {
        field: 'pickupMethod',
        value: undefined,
        expected: `a method with pickupSla ${row.pickupSla}`,
      },
    ];
  }
  if (
    row.pickupMethod !== undefined &&
    row.pickupMethod !== 'NOT_SUPPORTED' &&
    row.pickupSla === undefined
  ) {
    return [
      {
        field: 'pickupSla',
        value: undefined,
        expected: `an SLA with pickupMethod ${row.pickupMethod} (only NOT_SUPPORTED stands alone)`,
      },
    ];
  }
  return [];
}

function priceProblems(field: string, money: Money | undefined): RowProblem[] {
  if (money === undefined) return [];
  const problems: RowProblem[] = [];
  const micros: unknown = money.amountMicros;
  if (typeof micros !== 'string' || !/^\d{1,18}$/.test(micros)) {
    problems.push({
      field: `${field}.amountMicros`,
      value: micros,
      expected: 'a decimal string of micros, 0 or more',
    });
  }
  const currency: unknown = money.currencyCode;
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) {
    problems.push({
      field: `${field}.currencyCode`,
      value: currency,
      expected: 'an ISO 4217 code such as USD',
    });
  }
  return problems;
}

function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

function oneOf(allowed: readonly string[]): string {
  return `one of ${allowed.join(', ')}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  return JSON.stringify(value) ?? String(value);
}
