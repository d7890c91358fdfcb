import { describe, expect, it } from 'vitest';

import type { SalesMatrix } from '../../src/sim/load-sales-matrix.js';
import { RuleHoldBook } from '../../src/sim/index.js';
import { ManualClock } from '../../src/shared/clock.js';

// Two levels at one store: 0 is item R, 1 is item G.
const matrix: SalesMatrix = {
  stores: ['S1'],
  levelStore: Int32Array.from([0, 0]),
  levelSku: ['R', 'G'],
  levelCategory: ['X', 'X'],
  levelSibling: Int32Array.from([1, 0]),
  days: ['2024-03-04'],
  levelCount: 2,
  units: new Int32Array(2),
  totalUnits: 0,
};

/** A book whose claims read gross and buffer per level from `basis`. */
function book(basis: { gross: number; buffer: number }[]) {
  const clock = new ManualClock('2024-03-04T10:00:00Z');
  const holds = new RuleHoldBook({ matrix, clock: clock.now, basis: (level) => basis[level]! });
  const place = (cartId: string, lines: [number, number][], ttlSeconds = 600) =>
    holds.place({ cartId, lines: lines.map(([level, units]) => ({ level, units })), ttlSeconds });
  return { clock, holds, place };
}

describe('RuleHoldBook, the product hold rules on typed arrays', () => {
  it('holds while gross less buffer less live holds covers it, and never the same unit twice', () => {
    const { holds, place } = book([
      { gross: 3, buffer: 1 },
      { gross: 0, buffer: 0 },
    ]);

    // gross 3, buffer 1: two units can be promised, not a third.
    expect(place('a', [[0, 1]]).ok).toBe(true);
    expect(place('b', [[0, 1]]).ok).toBe(true);
    expect(place('c', [[0, 1]])).toEqual({
      ok: false,
      reason: 'insufficient_stock',
      short: [{ level: 0, requested: 1, sellable: 0 }],
    });
    expect(holds.heldUnits(0)).toBe(2);
    expect(holds.heldUnits(1)).toBe(0);
  });

  it('sums lines for the same level and holds all lines or none', () => {
    const { holds, place } = book([
      { gross: 1, buffer: 0 },
      { gross: 5, buffer: 0 },
    ]);

    // R: 1 + 1 = 2 asked of 1 → short; G's 2 would fit but is not held either.
    expect(
      place('a', [
        [0, 1],
        [1, 2],
        [0, 1],
      ]),
    ).toEqual({
      ok: false,
      reason: 'insufficient_stock',
      short: [{ level: 0, requested: 2, sellable: 1 }],
    });
    expect([holds.heldUnits(0), holds.heldUnits(1)]).toEqual([0, 0]);
  });

  it("replaces a cart's hold: its own units count for it, and a refused replacement keeps the old", () => {
    const { holds, place } = book([
      { gross: 2, buffer: 0 },
      { gross: 0, buffer: 0 },
    ]);
    const first = place('cart', [[0, 2]]);
    const again = place('cart', [[0, 2]]);
    const bigger = place('cart', [[0, 3]]);

    expect(first).toEqual({ ok: true, holdId: 0 });
    expect(again).toEqual({ ok: true, holdId: 0 });
    expect(bigger).toMatchObject({ ok: false, short: [{ level: 0, requested: 3, sellable: 2 }] });
    expect(holds.heldUnits(0)).toBe(2);
  });

  it('converts or releases a live hold once; the second call changes nothing', () => {
    const { holds, place } = book([
      { gross: 2, buffer: 0 },
      { gross: 2, buffer: 0 },
    ]);
    const a = place('a', [[1, 2]]);
    if (!a.ok) throw new Error('expected the hold to be placed');

    expect(holds.convert(a.holdId)).toBe(true);
    expect(holds.convert(a.holdId)).toBe(false);
    expect(holds.release(a.holdId)).toBe(false);
    expect(holds.heldUnits(1)).toBe(0);
    expect(holds.convert(99)).toBe(false);
  });

  it('stops counting a hold at its expiry on the next read, before any sweep', () => {
    const { clock, holds, place } = book([
      { gross: 5, buffer: 0 },
      { gross: 0, buffer: 0 },
    ]);
    const short = place('a', [[0, 1]], 60);
    const long = place('b', [[0, 1]], 600);
    if (!short.ok || !long.ok) throw new Error('expected both holds to be placed');

    clock.advance(59_999);
    expect(holds.heldUnits(0)).toBe(2);
    clock.advance(1);
    // Expiry is a closed boundary: at exactly 60 s the hold has expired.
    expect(holds.heldUnits(0)).toBe(1);
    expect(holds.expiredSoFar()).toBe(1);
    expect(holds.convert(short.holdId)).toBe(false);
    expect(holds.release(short.holdId)).toBe(false);
    expect(holds.release(long.holdId)).toBe(true);
  });

  it('sweeps only the holds whose time ran out', () => {
    const { clock, holds, place } = book([
      { gross: 5, buffer: 0 },
      { gross: 5, buffer: 0 },
    ]);
    place('a', [[0, 1]], 60);
    place('b', [[1, 2]], 120);

    clock.advance(90_000);
    holds.expireDue();

    expect(holds.expiredSoFar()).toBe(1);
    expect([holds.heldUnits(0), holds.heldUnits(1)]).toEqual([0, 2]);
  });
});
