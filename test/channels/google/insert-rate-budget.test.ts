import { describe, expect, it } from 'vitest';
import { InsertRateBudget } from '../../../src/channels/google/insert-rate-budget.js';
import { ManualClock } from '../../../src/shared/clock.js';

describe('InsertRateBudget', () => {
  it('lets a second of inserts through at once, then one per refill', () => {
    const clock = new ManualClock('2026-12-01T10:00:00Z');
    // 120 a minute: 2 a second, so a burst of 2 and one more every 500 ms.
    const budget = new InsertRateBudget(120, clock.now);

    expect([budget.take(), budget.take(), budget.take()]).toEqual([
      { ok: true },
      { ok: true },
      { ok: false, waitMs: 500 },
    ]);
    clock.advance(200);
    expect(budget.take()).toEqual({ ok: false, waitMs: 300 });
    clock.advance(300);
    expect(budget.take()).toEqual({ ok: true });
  });

  it('never saves up more than the burst while idle', () => {
    const clock = new ManualClock('2026-12-01T10:00:00Z');
    const budget = new InsertRateBudget(120, clock.now);
    clock.advance(60_000);

    expect([budget.take(), budget.take(), budget.take()].map((d) => d.ok)).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("holds every insert back for Google's wait after a 429, then allows one", () => {
    const clock = new ManualClock('2026-12-01T10:00:00Z');
    const budget = new InsertRateBudget(600, clock.now);
    budget.holdOff(30_000);

    expect(budget.take()).toEqual({ ok: false, waitMs: 30_000 });
    clock.advance(30_000);
    expect(budget.take()).toEqual({ ok: true });
    // 600 a minute refills one every 100 ms.
    expect(budget.take()).toEqual({ ok: false, waitMs: 100 });
  });
});
