import { describe, expect, it } from 'vitest';
import { classifyChange } from '../../../src/domain/movements/classify-change.js';
import { diffQuantities } from '../../../src/domain/movements/diff-quantities.js';
import { emptyQuantities } from '../../../src/domain/quantities/level-quantities.js';

function level(values: Partial<ReturnType<typeof emptyQuantities>>) {
  return { ...emptyQuantities(), ...values };
}

describe('classifyChange', () => {
  const start = level({ available: 5, on_hand: 5 });

  it('reads available down and committed up as an order committing units', () => {
    const changes = diffQuantities(start, level({ available: 4, committed: 1, on_hand: 5 }));
    expect(changes).toEqual([
      { state: 'available', delta: -1, after: 4 },
      { state: 'committed', delta: 1, after: 1 },
    ]);
    expect(classifyChange(changes)).toBe('committed_by_order');
  });

  it('reads available and on hand down together as a carry-out sale', () => {
    expect(classifyChange(diffQuantities(start, level({ available: 4, on_hand: 4 })))).toBe(
      'sold_and_taken',
    );
  });

  it('reads committed and on hand down as a fulfilment', () => {
    const before = level({ available: 4, committed: 1, on_hand: 5 });
    expect(classifyChange(diffQuantities(before, level({ available: 4, on_hand: 4 })))).toBe(
      'fulfilled',
    );
  });

  it('reads committed down and available up as units released by a cancel', () => {
    const before = level({ available: 4, committed: 1, on_hand: 5 });
    expect(classifyChange(diffQuantities(before, start))).toBe('released_to_available');
  });

  it('reads available and on hand up as a restock', () => {
    expect(classifyChange(diffQuantities(start, level({ available: 6, on_hand: 6 })))).toBe(
      'restocked',
    );
  });

  it('reads a change of on hand alone as an adjustment', () => {
    expect(
      classifyChange(diffQuantities(start, level({ available: 5, damaged: 1, on_hand: 6 }))),
    ).toBe('adjusted');
  });
});
