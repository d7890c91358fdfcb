import { describe, expect, it } from 'vitest';

import { InMemoryHoldBook } from '../../src/sim/index.js';
import { ManualClock } from '../../src/shared/clock.js';

function book() {
  const clock = new ManualClock('2024-03-04T10:00:00Z');
  return { clock, holds: new InMemoryHoldBook(2, clock.now) };
}

describe('InMemoryHoldBook', () => {
  it('holds a unit while gross less buffer less live holds covers it, and never the same unit twice', () => {
    const { holds } = book();
    // gross 3, buffer 1: two units can be promised, not a third.
    const first = holds.place({ level: 0, units: 1, gross: 3, buffer: 1, ttlSeconds: 60 });
    const second = holds.place({ level: 0, units: 1, gross: 3, buffer: 1, ttlSeconds: 60 });
    const third = holds.place({ level: 0, units: 1, gross: 3, buffer: 1, ttlSeconds: 60 });

    expect(first.ok && second.ok).toBe(true);
    expect(third).toEqual({ ok: false, reason: 'insufficient_stock', sellable: 0 });
    expect(holds.heldUnits(0)).toBe(2);
    expect(holds.heldUnits(1)).toBe(0);
  });

  it('gives the units back when a hold converts or is released, once', () => {
    const { holds } = book();
    const placed = holds.place({ level: 1, units: 2, gross: 2, buffer: 0, ttlSeconds: 60 });
    if (!placed.ok) throw new Error('expected the hold to be placed');

    expect(holds.convert(placed.holdId)).toBe(true);
    expect(holds.convert(placed.holdId)).toBe(false);
    expect(holds.release(placed.holdId)).toBe(false);
    expect(holds.heldUnits(1)).toBe(0);
  });

  it('expires holds whose time ran out by the clock, and only those', () => {
    const { clock, holds } = book();
    const short = holds.place({ level: 0, units: 1, gross: 5, buffer: 0, ttlSeconds: 60 });
    const long = holds.place({ level: 0, units: 1, gross: 5, buffer: 0, ttlSeconds: 600 });
    if (!short.ok || !long.ok) throw new Error('expected both holds to be placed');

    clock.advance(59_000);
    expect(holds.expireDue()).toEqual([]);
    clock.advance(1_000);
    expect(holds.expireDue()).toEqual([short.holdId]);
    expect(holds.heldUnits(0)).toBe(1);
    expect(holds.release(long.holdId)).toBe(true);
  });

  it('reuses the slot of an ended hold for the next one', () => {
    const { holds } = book();
    const first = holds.place({ level: 0, units: 1, gross: 1, buffer: 0, ttlSeconds: 60 });
    if (!first.ok) throw new Error('expected the hold to be placed');
    holds.release(first.holdId);
    const next = holds.place({ level: 0, units: 1, gross: 1, buffer: 0, ttlSeconds: 60 });

    expect(next).toEqual({ ok: true, holdId: first.holdId });
  });
});
