import { describe, expect, it } from 'vitest';

import { loadSalesMatrix } from '../../src/sim/load-sales-matrix.js';
import { TrueshelfError } from '../../src/shared/error-catalogue.js';

const rows = [
  { store: 'A', sku: 'x', category: 'F', day: '2024-01-01', units: 2 },
  { store: 'A', sku: 'y', category: 'F', day: '2024-01-03', units: 1 },
  { store: 'B', sku: 'x', category: 'F', day: '2024-01-02', units: 4 },
  { store: 'A', sku: 'z', category: 'H', day: '2024-01-02', units: 3 },
  { store: 'A', sku: 'x', category: 'F', day: '2024-01-03', units: 5 },
];
const all = { stores: null, items: null, days: null };

describe('loadSalesMatrix', () => {
  it('numbers levels in order of first sale and keeps every day from the first to the last', async () => {
    const matrix = await loadSalesMatrix(rows, all);

    expect(matrix.levelSku).toEqual(['x', 'y', 'x', 'z']);
    expect([...matrix.levelStore]).toEqual([0, 0, 1, 0]);
    expect(matrix.stores).toEqual(['A', 'B']);
    expect(matrix.days).toEqual(['2024-01-01', '2024-01-02', '2024-01-03']);
    // day-major: day 2 (2024-01-03) holds A/x 5 and A/y 1.
    expect([...matrix.units.subarray(8, 12)]).toEqual([5, 1, 0, 0]);
    expect(matrix.totalUnits).toBe(15);
  });

  it('makes the next level of the same store and category the sibling a scan error hits', async () => {
    const matrix = await loadSalesMatrix(rows, all);

    // A/x ↔ A/y share store A and category F; A/z and B/x are alone in theirs.
    expect([...matrix.levelSibling]).toEqual([1, 0, 2, 3]);
  });

  it('keeps the chosen stores, the first items of each and the first days', async () => {
    const matrix = await loadSalesMatrix(rows, { stores: ['A'], items: 2, days: 2 });

    expect(matrix.levelSku).toEqual(['x', 'y']);
    expect(matrix.days).toEqual(['2024-01-01', '2024-01-02']);
    expect(matrix.totalUnits).toBe(2);
  });

  it('names the stores that have no sales in the file', async () => {
    const loading = loadSalesMatrix(rows, { stores: ['A', 'Q'], items: null, days: null });

    await expect(loading).rejects.toThrow(TrueshelfError);
    await expect(loading).rejects.toThrow(/stores Q have no sales in the file; it has A, B/);
  });
});
