import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import { PointsBudget } from '../../../src/sources/shopify/points-budget.js';

describe('the Admin API points budget', () => {
  it('lets a request go at once while the bucket holds its cost', () => {
    const clock = new ManualClock(new Date('2026-12-04T03:00:00Z'));
    const budget = new PointsBudget(clock.now, 100, 1000);

    budget.spend(400);

    // 600 left: a 600-point read goes now, a 601-point one waits 1 point / 100 per s = 10 ms.
    expect(budget.waitFor(600)).toBe(0);
    expect(budget.waitFor(601)).toBe(10);
  });

  it('makes background work leave the reserve it is asked for', () => {
    const clock = new ManualClock(new Date('2026-12-04T03:00:00Z'));
    const budget = new PointsBudget(clock.now, 100, 1000);

    budget.spend(400);

    // 600 left; a 10-point tag write that must leave 500 goes now; leaving 595 it needs
    // 5 more points: 50 ms at 100 points per second.
    expect(budget.waitFor(10, 500)).toBe(0);
    expect(budget.waitFor(10, 595)).toBe(50);
  });

  it('refills at the restore rate as time passes', () => {
    const clock = new ManualClock(new Date('2026-12-04T03:00:00Z'));
    const budget = new PointsBudget(clock.now, 100, 1000);

    budget.spend(1000);
    clock.advance(3_000);

    // 3 s × 100 = 300 points back.
    expect(budget.waitFor(300)).toBe(0);
    expect(budget.waitFor(400)).toBe(1000);
  });
});
