import { describe, expect, it } from 'vitest';
import type { LocalInventoryRow } from '../../../src/channels/google/local-inventory-row.js';
import { validateLocalInventoryRow } from '../../../src/channels/google/validate-local-inventory-row.js';

const good: LocalInventoryRow = {
  contentLanguage: 'en',
  feedLabel: 'US',
  offerId: 'SKU-1',
  storeCode: 'S1',
  availability: 'IN_STOCK',
  quantity: 4,
};

/** A row as it might arrive from a file or a config: anything in any field. */
function row(overrides: Record<string, unknown>): LocalInventoryRow {
  return { ...good, ...overrides } as unknown as LocalInventoryRow;
}

function messageFor(candidate: LocalInventoryRow): string {
  const result = validateLocalInventoryRow(candidate);
  if (result.ok) throw new Error('expected the row to be refused');
  return result.message;
}

describe('validateLocalInventoryRow', () => {
  it('accepts a complete row, and pickup not supported on its own', () => {
    expect(validateLocalInventoryRow(good)).toEqual({ ok: true });
    expect(validateLocalInventoryRow({ ...good, pickupMethod: 'NOT_SUPPORTED' })).toEqual({
      ok: true,
    });
  });

  it('names a missing store code', () => {
    expect(messageFor(row({ storeCode: '' }))).toBe(
      'offer "SKU-1" at store "": storeCode is "", expected a non-blank string',
    );
  });

  it('names a bad availability and lists the allowed values', () => {
    expect(messageFor(row({ availability: 'in stock' }))).toBe(
      'offer "SKU-1" at store "S1": availability is "in stock", expected one of IN_STOCK, ' +
        'LIMITED_AVAILABILITY, ON_DISPLAY_TO_ORDER, OUT_OF_STOCK',
    );
  });

  it('refuses an id over 50 characters and says how long it is', () => {
    const offerId = 'x'.repeat(51);
    expect(messageFor(row({ offerId }))).toContain(
      `offerId is "${offerId}", expected at most 50 characters (it has 51)`,
    );
    expect(validateLocalInventoryRow(row({ offerId: 'x'.repeat(50) }))).toEqual({ ok: true });
  });

  it('counts the in-store location in bytes, not characters', () => {
    // 'Gang 4 – Regal ÄÖ' is 17 characters: 14 ASCII, the en dash 3 bytes, Ä and Ö 2 each: 21.
    expect(messageFor(row({ instoreProductLocation: 'Gang 4 – Regal ÄÖ' }))).toContain(
      'instoreProductLocation is "Gang 4 – Regal ÄÖ", expected text of at most 20 bytes in UTF-8 (it has 21)',
    );
    expect(
      validateLocalInventoryRow(row({ instoreProductLocation: 'Aisle 12, Bay 3 top!' })),
    ).toEqual({ ok: true });
  });

  it('refuses an SLA without a method and a method without an SLA', () => {
    expect(messageFor(row({ pickupSla: 'SAME_DAY' }))).toContain(
      'pickupMethod is missing, expected a method with pickupSla SAME_DAY',
    );
    expect(messageFor(row({ pickupMethod: 'RESERVE' }))).toContain(
      'pickupSla is missing, expected an SLA with pickupMethod RESERVE (only NOT_SUPPORTED stands alone)',
    );
  });

  it('names a bad pickup enum', () => {
    expect(messageFor(row({ pickupMethod: 'ship to store', pickupSla: 'SAME_DAY' }))).toContain(
      'pickupMethod is "ship to store", expected one of BUY, RESERVE, SHIP_TO_STORE, NOT_SUPPORTED',
    );
  });

  it('refuses a negative or fractional quantity', () => {
    expect(messageFor(row({ quantity: -1 }))).toContain(
      'quantity is -1, expected a whole number of 0 or more',
    );
    expect(messageFor(row({ quantity: 1.5 }))).toContain('quantity is 1.5');
  });

  it('puts every problem of a row into its one message', () => {
    const result = validateLocalInventoryRow(
      row({ storeCode: ' S1', quantity: -2, price: { amountMicros: '-5', currencyCode: 'usd' } }),
    );

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual([
      'storeCode',
      'quantity',
      'price.amountMicros',
      'price.currencyCode',
    ]);
    expect(result.message.split('; ')).toHaveLength(4);
  });

  it('refuses a tab in a value, which a TSV feed cannot carry', () => {
    expect(messageFor(row({ offerId: 'A\tB' }))).toContain(
      'expected no tabs, line breaks or control characters',
    );
  });
});
