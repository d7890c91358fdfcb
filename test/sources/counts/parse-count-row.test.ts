import { describe, expect, it } from 'vitest';
import { parseCountHeader } from '../../../src/sources/counts/count-csv-header.js';
import type { CountColumns } from '../../../src/sources/counts/count-csv-header.js';
import { parseCountRow } from '../../../src/sources/counts/parse-count-row.js';

const header = parseCountHeader([
  'Location',
  'SKU',
  'Counted-Quantity',
  'counted_at',
  'Counter',
  'Area',
  'Notes',
]);
const columns = (header.ok ? header.columns : null) as CountColumns;
const now = new Date('2026-03-02T00:00:00Z');

function parse(quantity: string, countedAt = '2026-03-01T09:00:00+10:00') {
  return parseCountRow(
    ['north', 'MUG', quantity, countedAt, '', 'floor', 'n/a'],
    columns,
    now,
    5 * 60_000,
  );
}

describe('a count row', () => {
  it('reads header names without regard to case, hyphens or extra columns', () => {
    expect(header.ok && header.columns.ignored).toEqual(['Notes']);
    expect(columns).toMatchObject({
      location: 0,
      sku: 1,
      barcode: null,
      countedQuantity: 2,
      countedAt: 3,
      counter: 4,
      area: 5,
      width: 7,
    });
  });

  it('turns the instant into UTC and leaves an empty counter out', () => {
    expect(parse('7')).toEqual({
      ok: true,
      row: {
        locationRef: 'north',
        codes: [{ by: 'sku', value: 'MUG' }],
        countedQuantity: 7,
        countedAt: '2026-02-28T23:00:00.000Z',
        counter: null,
        area: 'floor',
      },
    });
  });

  it('accepts whole numbers written with a sign or trailing zeros', () => {
    expect(
      [parse('+4'), parse('3.0'), parse('0')].map((r) => r.ok && r.row.countedQuantity),
    ).toEqual([4, 3, 0]);
  });

  it('names what is wrong with a count', () => {
    expect(
      [parse(''), parse('-1'), parse('1.5'), parse('1e3'), parse('3,000'), parse('2000000001')].map(
        (r) => !r.ok && r.reason,
      ),
    ).toEqual([
      'missing_count',
      'negative_count',
      'fractional_count',
      'invalid_count',
      'invalid_count',
      'count_too_large',
    ]);
  });

  it('names what is wrong with an instant', () => {
    expect(
      [
        parse('1', '2026-03-01T09:00:00'),
        parse('1', '2026-02-30T09:00:00Z'),
        parse('1', 'yesterday'),
        parse('1', ''),
        parse('1', '2026-03-02T00:10:00Z'),
      ].map((r) => !r.ok && r.reason),
    ).toEqual([
      'counted_at_without_zone',
      'invalid_counted_at',
      'invalid_counted_at',
      'missing_counted_at',
      'counted_in_future',
    ]);
    // Within the five minutes allowed for clock skew.
    expect(parse('1', '2026-03-02T00:04:00Z').ok).toBe(true);
  });
});
