import { describe, expect, it } from 'vitest';

import type { SalesCsvHeader } from '../../../src/domain/velocity/parse-sales-csv-header.js';
import { parseSalesCsvHeader } from '../../../src/domain/velocity/parse-sales-csv-header.js';
import { parseSalesCsvLine } from '../../../src/domain/velocity/parse-sales-csv-line.js';
import { splitCsvLine } from '../../../src/domain/velocity/split-csv-line.js';

function headerOf(line: string): SalesCsvHeader {
  const parsed = parseSalesCsvHeader(line);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.header;
}

describe('CSV fields', () => {
  it('splits quoted fields with commas and doubled quotes', () => {
    expect(splitCsvLine('a, "b, ""c""" ,d')).toEqual({ ok: true, fields: ['a', 'b, "c"', 'd'] });
    expect(splitCsvLine('a,,')).toEqual({ ok: true, fields: ['a', '', ''] });
  });
});

describe('past-sales CSV header', () => {
  it('finds columns in any order and case, past a byte-order mark', () => {
    const header = headerOf('\uFEFFSKU, Quantity ,location,date,note\r');
    expect(header).toMatchObject({ sku: 0, quantity: 1, location: 2, date: 3, occurredAt: null });
  });

  it('names the missing column', () => {
    expect(parseSalesCsvHeader('date,location,quantity')).toMatchObject({
      ok: false,
      error: { line: 1, column: 'sku', reason: 'missing_column' },
    });
    expect(parseSalesCsvHeader('location,sku,quantity')).toMatchObject({
      ok: false,
      error: { column: 'date', reason: 'missing_column' },
    });
  });

  it('refuses a column named twice', () => {
    expect(parseSalesCsvHeader('date,sku,location,SKU,quantity')).toMatchObject({
      ok: false,
      error: { column: 'sku', reason: 'duplicate_column' },
    });
  });
});

describe('past-sales CSV lines', () => {
  const byDay = headerOf('date,location,sku,quantity');
  const byInstant = headerOf('occurred_at,location,sku,quantity');
  const both = headerOf('date,occurred_at,location,sku,quantity');

  it('reads a sale on a local day', () => {
    expect(parseSalesCsvLine(byDay, '2026-03-08,store-12,TEE-RED-M,3', 2)).toEqual({
      ok: true,
      row: { line: 2, location: 'store-12', sku: 'TEE-RED-M', quantity: 3, localDay: '2026-03-08' },
    });
  });

  it('reads a refund at an instant with its offset', () => {
    // 01:30 at -05:00 is 06:30 UTC.
    expect(
      parseSalesCsvLine(byInstant, '2026-03-08T01:30:00-05:00,store-12,"TEE, RED",-2', 3),
    ).toEqual({
      ok: true,
      row: {
        line: 3,
        location: 'store-12',
        sku: 'TEE, RED',
        quantity: -2,
        occurredAt: new Date('2026-03-08T06:30:00Z'),
      },
    });
  });

  it('uses occurred_at when filled and date otherwise', () => {
    const instant = parseSalesCsvLine(both, '2026-03-07,2026-03-08T10:00:00+10:00,store-1,A,1', 2);
    const day = parseSalesCsvLine(both, '2026-03-07,,store-1,A,1', 3);

    expect(instant).toMatchObject({
      ok: true,
      row: { occurredAt: new Date('2026-03-08T00:00:00Z') },
    });
    expect(day).toMatchObject({ ok: true, row: { localDay: '2026-03-07' } });
  });

  it('passes over a blank line', () => {
    expect(parseSalesCsvLine(byDay, '  \r', 9)).toEqual({ ok: true, row: null });
  });

  it.each([
    [
      'an instant without an offset',
      byInstant,
      '2026-03-08T01:30:00,store-12,A,1',
      'occurred_at',
      'instant_without_offset',
    ],
    [
      'a malformed instant',
      byInstant,
      '08/03/2026 01:30,store-12,A,1',
      'occurred_at',
      'invalid_instant',
    ],
    ['an impossible date', byDay, '2026-02-30,store-12,A,1', 'date', 'invalid_date'],
    ['a fractional quantity', byDay, '2026-03-08,store-12,A,1.5', 'quantity', 'invalid_quantity'],
    [
      'a quantity with a thousands separator',
      byDay,
      '2026-03-08,store-12,A,"1,000"',
      'quantity',
      'invalid_quantity',
    ],
    ['an empty sku', byDay, '2026-03-08,store-12,,1', 'sku', 'missing_value'],
    ['no date at all', both, ',,store-12,A,1', 'date|occurred_at', 'missing_value'],
    ['an unterminated quote', byDay, '2026-03-08,store-12,"A,1', 'sku', 'unterminated_quote'],
    [
      'text after a closing quote',
      byDay,
      '2026-03-08,"store"-12,A,1',
      'location',
      'text_after_quote',
    ],
    ['too many fields', byDay, '2026-03-08,store-12,A,1,extra', null, 'wrong_field_count'],
  ])('refuses %s, naming the line and column', (_case, header, line, column, reason) => {
    const parsed = parseSalesCsvLine(header, line, 42);

    expect(parsed).toMatchObject({ ok: false, error: { line: 42, column, reason } });
    if (!parsed.ok) expect(parsed.error.message).toMatch(/^line 42: /);
  });
});
