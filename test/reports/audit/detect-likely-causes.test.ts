import { describe, expect, it } from 'vitest';
import { detectLikelyCauses } from '../../../src/reports/audit/detect-likely-causes.js';
import type { LedgerEntry } from '../../../src/reports/audit/detect-likely-causes.js';

let next = 0;
function entry(
  state: string,
  delta: number,
  quantityAfter: number,
  causeKind: string,
  occurredAt: string,
  causeRef: string | null = 'order:1:1',
): LedgerEntry {
  next += 1;
  return { id: `m${next}`, state, delta, quantityAfter, causeKind, causeRef, occurredAt };
}

const countedAt = new Date('2026-03-10T00:00:00Z');

describe('likely causes of a variance', () => {
  it('sees a fast seller that stopped selling', () => {
    // 3 sales of 2 on 02-21, 02-22 and 02-23 (books from 02-20): 6 units over 3 days, 2/day;
    // 15 silent days to the count: 30 expected.
    const history = [
      entry('on_hand', 12, 12, 'first_read', '2026-02-20T00:00:00Z', null),
      entry('on_hand', -2, 10, 'sold_and_taken', '2026-02-21T00:00:00Z'),
      entry('on_hand', -2, 8, 'fulfilled', '2026-02-22T00:00:00Z'),
      entry('on_hand', -2, 6, 'sold_and_taken', '2026-02-23T00:00:00Z'),
    ];

    expect(detectLikelyCauses(history, { countedAt, lookbackDays: 28 })).toEqual([
      { kind: 'no_sale_for_days', velocityPerDay: 2, daysWithoutSale: 15, expectedUnits: 30 },
    ]);
  });

  it('does not call a silence suspicious when few sales were expected in it', () => {
    // 3 units over 27 days from the window's start (02-10) to the last sale on 03-09: 1/9 a
    // day, 1 day silent.
    const history = [
      entry('on_hand', -1, 5, 'sold_and_taken', '2026-02-12T00:00:00Z'),
      entry('on_hand', -1, 4, 'sold_and_taken', '2026-02-25T00:00:00Z'),
      entry('on_hand', -1, 3, 'sold_and_taken', '2026-03-09T00:00:00Z'),
    ];

    expect(detectLikelyCauses(history, { countedAt, lookbackDays: 28 })).toEqual([]);
  });

  it('counts sales below zero, unexplained changes, short picks and cancelled pickups', () => {
    const history = [
      entry('available', -3, -1, 'sold_and_taken', '2026-03-01T00:00:00Z'),
      entry('available', -1, -2, 'sold_and_taken', '2026-03-02T00:00:00Z'),
      entry('on_hand', -4, 6, 'adjusted', '2026-03-03T00:00:00Z', null),
      entry('on_hand', -1, 5, 'sold_and_taken', '2026-03-04T00:00:00Z', null),
      entry('on_hand', -1, 4, 'short_pick', '2026-03-05T00:00:00Z', 'pick:7'),
      entry('available', -1, 3, 'short_pick', '2026-03-05T00:00:00Z', 'pick:7'),
      entry('on_hand', 0, 4, 'pickup_cancelled_for_inventory', '2026-03-06T00:00:00Z', 'order:9'),
    ];

    expect(detectLikelyCauses(history, { countedAt, lookbackDays: 28 })).toEqual([
      { kind: 'sold_below_zero', times: 2, lowestAvailable: -2 },
      { kind: 'unexplained_adjustments', movements: 2, netUnits: -5 },
      { kind: 'short_picks', events: 1 },
      { kind: 'pickups_cancelled_for_inventory', events: 1 },
    ]);
  });
});
