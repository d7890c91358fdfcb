import { describe, expect, it } from 'vitest';

import { computeVelocity } from '../../../src/domain/velocity/compute-velocity.js';
import type { AnySaleRecord } from '../../../src/domain/velocity/sale-record.js';
import type {
  Velocity,
  VelocityInput,
  VelocityResult,
} from '../../../src/domain/velocity/velocity.js';
import { VelocityError } from '../../../src/domain/velocity/velocity-error.js';

const BRISBANE = 'Australia/Brisbane';
const NEW_YORK = 'America/New_York';

function sale(
  quantity: number,
  occurredAt: string,
  itemId = 'item-1',
  locationId = 'loc-1',
): AnySaleRecord {
  return { itemId, locationId, quantity, occurredAt: new Date(occurredAt) };
}

function velocityOf(overrides: Partial<VelocityInput>): VelocityResult {
  return computeVelocity({
    itemId: 'item-1',
    locationId: 'loc-1',
    timeZone: BRISBANE,
    sales: [],
    windowDays: 7,
    now: new Date('2026-03-10T02:00:00Z'),
    defaults: { minCountedDays: 0, floorUnitsPerDay: 0.1 },
    ...overrides,
  });
}

function expectOk(result: VelocityResult): Velocity {
  if (!result.ok) throw new Error(`expected a velocity, got ${result.reason}`);
  return result;
}

describe('velocity at a store ten hours ahead of UTC (Australia/Brisbane)', () => {
  // now = 2026-03-10T02:00Z = 2026-03-10 12:00 in Brisbane; the 7 whole days before it are
  // 2026-03-03 .. 2026-03-09 local, i.e. 2026-03-02T14:00Z .. 2026-03-09T14:00Z.
  const sales = [
    sale(4, '2026-03-02T14:30:00Z'), // 03-03 00:30 local: first day, in (a UTC count drops it)
    sale(7, '2026-03-05T01:00:00Z'), // 03-05 11:00 local: in
    sale(3, '2026-03-09T13:59:00Z'), // 03-09 23:59 local: last day, in
    sale(5, '2026-03-09T14:00:00Z'), // 03-10 00:00 local: today, out (a UTC count keeps it)
    sale(9, '2026-03-02T13:59:00Z'), // 03-02 23:59 local: before the window, out
  ];

  it('counts local days: 4 + 7 + 3 = 14 units over 7 days is 2 a day', () => {
    const velocity = expectOk(velocityOf({ sales }));

    expect(velocity.window).toEqual({
      firstDay: '2026-03-03',
      lastDay: '2026-03-09',
      timeZone: BRISBANE,
    });
    expect(velocity.units).toBe(14);
    expect(velocity.daysCounted).toBe(7);
    expect(velocity.unitsPerDay).toBe(2);
    expect(velocity.source).toBe('history');
    expect(velocity.defaultReason).toBeNull();
  });

  it('ignores sales of other items and other locations', () => {
    const others = [
      sale(50, '2026-03-05T01:00:00Z', 'item-2'),
      sale(50, '2026-03-05T01:00:00Z', 'item-1', 'loc-2'),
    ];
    expect(expectOk(velocityOf({ sales: [...sales, ...others] })).units).toBe(14);
  });

  it('takes a sale known only by its local day on that day', () => {
    const daily: AnySaleRecord[] = [
      { itemId: 'item-1', locationId: 'loc-1', quantity: 6, localDay: '2026-03-09' },
      { itemId: 'item-1', locationId: 'loc-1', quantity: 6, localDay: '2026-03-10' },
    ];
    expect(expectOk(velocityOf({ sales: daily })).units).toBe(6);
  });
});

describe('velocity on the US DST change days (America/New_York)', () => {
  it('keeps the 23-hour spring-forward day as one day', () => {
    // now = 2026-03-10T16:00Z = 12:00 EDT; window 2026-03-07 .. 2026-03-09 (3 days).
    const result = velocityOf({
      timeZone: NEW_YORK,
      windowDays: 3,
      now: new Date('2026-03-10T16:00:00Z'),
      sales: [
        sale(10, '2026-03-07T04:59:00Z'), // 03-06 23:59 EST: out
        sale(2, '2026-03-07T05:00:00Z'), // 03-07 00:00 EST: in
        sale(1, '2026-03-08T04:59:00Z'), // 03-07 23:59 EST: in
        sale(3, '2026-03-09T03:59:00Z'), // 03-08 23:59 EDT: in (the DST day)
        sale(4, '2026-03-10T03:59:00Z'), // 03-09 23:59 EDT: in
        sale(10, '2026-03-10T04:00:00Z'), // 03-10 00:00 EDT: today, out
      ],
    });
    const velocity = expectOk(result);

    // 2 + 1 + 3 + 4 = 10 units over 3 days.
    expect(velocity.window).toEqual({
      firstDay: '2026-03-07',
      lastDay: '2026-03-09',
      timeZone: NEW_YORK,
    });
    expect(velocity.units).toBe(10);
    expect(velocity.daysCounted).toBe(3);
    expect(velocity.unitsPerDay).toBeCloseTo(10 / 3, 12);
  });

  it('leaves out the spring-forward day when out of stock for all 23 of its hours', () => {
    // 03-08 00:00 EST = 05:00Z to 03-09 00:00 EDT = 04:00Z is the whole 23-hour day.
    const velocity = expectOk(
      velocityOf({
        timeZone: NEW_YORK,
        windowDays: 3,
        now: new Date('2026-03-10T16:00:00Z'),
        sales: [sale(10, '2026-03-07T15:00:00Z')],
        stockOuts: {
          intervals: [
            { from: new Date('2026-03-08T05:00:00Z'), until: new Date('2026-03-09T04:00:00Z') },
          ],
        },
      }),
    );

    expect(velocity.daysExcludedOutOfStock).toBe(1);
    expect(velocity.daysPartlyOutOfStock).toBe(0);
    expect(velocity.daysCounted).toBe(2);
    expect(velocity.unitsPerDay).toBe(5);
  });

  it('counts the spring-forward day out of stock from noon as 11 of its 23 hours', () => {
    // 12:00 EDT = 16:00Z until 04:00Z next day is 12 h out of 23; in stock 11/23 of the day.
    // Days counted = 2 + 11/23 = 57/23; velocity = 10 / (57/23) = 230/57.
    const velocity = expectOk(
      velocityOf({
        timeZone: NEW_YORK,
        windowDays: 3,
        now: new Date('2026-03-10T16:00:00Z'),
        sales: [sale(10, '2026-03-07T15:00:00Z')],
        stockOuts: {
          intervals: [
            { from: new Date('2026-03-08T16:00:00Z'), until: new Date('2026-03-09T04:00:00Z') },
          ],
        },
      }),
    );

    expect(velocity.daysPartlyOutOfStock).toBe(1);
    expect(velocity.daysCounted).toBeCloseTo(57 / 23, 9);
    expect(velocity.unitsPerDay).toBeCloseTo(230 / 57, 6);
  });

  it('keeps the 25-hour fall-back day as one day and halves it for 12.5 hours out', () => {
    // now = 2026-11-03T17:00Z = 12:00 EST; window 2026-11-01 .. 2026-11-02.
    // 11-01 runs from 04:00Z (00:00 EDT) to 05:00Z on 11-02 (00:00 EST): 25 hours.
    const velocity = expectOk(
      velocityOf({
        timeZone: NEW_YORK,
        windowDays: 2,
        now: new Date('2026-11-03T17:00:00Z'),
        sales: [
          sale(100, '2026-11-01T03:59:00Z'), // 10-31 23:59 EDT: out
          sale(1, '2026-11-01T04:00:00Z'), // 11-01 00:00 EDT: in
          sale(2, '2026-11-02T04:30:00Z'), // 11-01 23:30 EST: in, on 11-01
          sale(3, '2026-11-02T05:00:00Z'), // 11-02 00:00 EST: in, on 11-02
        ],
        // 04:00Z to 16:30Z is 12.5 of the day's 25 hours: half the day out of stock.
        stockOuts: {
          intervals: [
            { from: new Date('2026-11-01T04:00:00Z'), until: new Date('2026-11-01T16:30:00Z') },
          ],
        },
      }),
    );

    // 6 units over 1.5 counted days.
    expect(velocity.units).toBe(6);
    expect(velocity.daysCounted).toBe(1.5);
    expect(velocity.unitsPerDay).toBe(4);
  });
});

describe('out-of-stock days', () => {
  it('leaves out days flagged out all day and counts a partial day by its in-stock share', () => {
    // 7 days − 2 whole days − a quarter of one = 4.75 counted days; 19 / 4.75 = 4.
    const velocity = expectOk(
      velocityOf({
        sales: [sale(19, '2026-03-05T01:00:00Z')],
        stockOuts: {
          days: [
            { day: '2026-03-04' },
            { day: '2026-03-06' },
            { day: '2026-03-08', outOfStockFraction: 0.25 },
          ],
        },
      }),
    );

    expect(velocity.daysExcludedOutOfStock).toBe(2);
    expect(velocity.daysPartlyOutOfStock).toBe(1);
    expect(velocity.daysCounted).toBe(4.75);
    expect(velocity.unitsPerDay).toBe(4);
  });

  it('counts overlapping stock-outs once and lets an open one run to now', () => {
    // Brisbane 03-05: 00:00-12:00 and 06:00-18:00 local overlap into 18 h of 24 (0.75 out).
    // An open stock-out from 03-09 12:00 local (02:00Z) runs past the window's end: 0.5 out.
    // Counted: 7 − 0.75 − 0.5 = 5.75 days.
    const velocity = expectOk(
      velocityOf({
        sales: [sale(23, '2026-03-05T01:00:00Z')],
        stockOuts: {
          intervals: [
            { from: new Date('2026-03-04T14:00:00Z'), until: new Date('2026-03-05T02:00:00Z') },
            { from: new Date('2026-03-04T20:00:00Z'), until: new Date('2026-03-05T08:00:00Z') },
            { from: new Date('2026-03-09T02:00:00Z'), until: null },
          ],
          days: [{ day: '2026-03-05', outOfStockFraction: 0.5 }],
        },
      }),
    );

    expect(velocity.daysCounted).toBe(5.75);
    expect(velocity.unitsPerDay).toBe(4);
  });
});

describe('the reason names the days counted', () => {
  it('names the runs of counted days, and the days left out before history and out of stock', () => {
    // History begins 03-05 08:00 local (03-04 22:00Z): 03-03 and 03-04 come before it. 03-07
    // is out of stock all day. Counted: 03-05, 03-06, 03-08, 03-09 = 4 days; 3 + 5 = 8 units
    // (the 9 on 03-03 come before history): 8 / 4 = 2 a day.
    const velocity = expectOk(
      velocityOf({
        locationSalesSince: new Date('2026-03-04T22:00:00Z'),
        sales: [
          sale(9, '2026-03-03T01:00:00Z'),
          sale(3, '2026-03-05T01:00:00Z'),
          sale(5, '2026-03-08T01:00:00Z'),
        ],
        stockOuts: { days: [{ day: '2026-03-07' }] },
      }),
    );

    expect(velocity.countedRanges).toEqual([
      { firstDay: '2026-03-05', lastDay: '2026-03-06' },
      { firstDay: '2026-03-08', lastDay: '2026-03-09' },
    ]);
    expect(velocity.daysLeftOut).toBe(3);
    expect(velocity.reason).toBe(
      '2 units/day from history: 8 units net of refunds over 4 counted days ' +
        '(2026-03-05..2026-03-06, 2026-03-08..2026-03-09, Australia/Brisbane; ' +
        "3 of the window's 7 days left out: 2 before history, 1 out of stock)",
    );
  });

  it('keeps a day partly out of stock among the counted days and says it counted in part', () => {
    const velocity = expectOk(
      velocityOf({
        sales: [sale(13, '2026-03-05T01:00:00Z')],
        stockOuts: { days: [{ day: '2026-03-09', outOfStockFraction: 0.5 }] },
      }),
    );

    // 6.5 counted days; 13 / 6.5 = 2 a day.
    expect(velocity.countedRanges).toEqual([{ firstDay: '2026-03-03', lastDay: '2026-03-09' }]);
    expect(velocity.daysLeftOut).toBe(0);
    expect(velocity.reason).toBe(
      '2 units/day from history: 13 units net of refunds over 6.5 counted days ' +
        '(2026-03-03..2026-03-09, Australia/Brisbane; 1 day partly out of stock, counted in part)',
    );
  });

  it('says every day of the window was left out when none counted', () => {
    // Stocked at 08:00 local today: no whole day yet.
    const velocity = expectOk(velocityOf({ itemStockedSince: new Date('2026-03-09T22:00:00Z') }));

    expect(velocity.countedRanges).toEqual([]);
    expect(velocity.reason).toContain(
      '0 units net of refunds over 0 counted days ' +
        '(Australia/Brisbane; all 7 days left out: 7 before history)',
    );
  });

  it('names the first and last counted day and the number of runs past three runs', () => {
    const velocity = expectOk(
      velocityOf({
        stockOuts: { days: ['2026-03-04', '2026-03-06', '2026-03-08'].map((day) => ({ day })) },
      }),
    );

    // Runs: 03-03, 03-05, 03-07, 03-09.
    expect(velocity.countedRanges).toHaveLength(4);
    expect(velocity.reason).toContain(
      "over 4 counted days (2026-03-03..2026-03-09 in 4 runs, Australia/Brisbane; 3 of the window's 7 days left out: 3 out of stock)",
    );
  });
});

describe('refunds', () => {
  it('nets refunds against sales', () => {
    const velocity = expectOk(
      velocityOf({
        sales: [
          sale(5, '2026-03-04T01:00:00Z'),
          sale(3, '2026-03-05T01:00:00Z'),
          sale(-1, '2026-03-06T01:00:00Z'),
        ],
      }),
    );

    // 5 + 3 − 1 = 7 units over 7 days.
    expect(velocity.unitsSold).toBe(8);
    expect(velocity.unitsRefunded).toBe(1);
    expect(velocity.units).toBe(7);
    expect(velocity.unitsPerDay).toBe(1);
  });

  it('never goes below zero when refunds outnumber sales in the window', () => {
    const velocity = expectOk(
      velocityOf({ sales: [sale(1, '2026-03-04T01:00:00Z'), sale(-4, '2026-03-05T01:00:00Z')] }),
    );

    expect(velocity.units).toBe(0);
    expect(velocity.unitsPerDay).toBe(0);
  });
});

describe('time zones', () => {
  it('gives no velocity to a location without a time zone, and says so', () => {
    expect(velocityOf({ timeZone: null })).toEqual({ ok: false, reason: 'no_time_zone' });
    expect(velocityOf({ timeZone: undefined })).toEqual({ ok: false, reason: 'no_time_zone' });
    expect(velocityOf({ timeZone: '' })).toEqual({ ok: false, reason: 'no_time_zone' });
  });

  it('refuses a time zone the runtime does not know', () => {
    expect(velocityOf({ timeZone: 'Mars/Olympus_Mons' })).toEqual({
      ok: false,
      reason: 'invalid_time_zone',
      timeZone: 'Mars/Olympus_Mons',
    });
  });
});

describe('defaults for items without enough history', () => {
  const defaults = {
    minCountedDays: 5,
    categoryAverageUnitsPerDay: 1.5,
    chainAverageUnitsPerDay: 0.8,
    floorUnitsPerDay: 0.1,
  };

  it('uses the category average for an item stocked two days ago, and says why', () => {
    // Stocked 2026-03-08 local (07-03 22:00Z is 03-08 08:00 in Brisbane): 2 tracked days of 7.
    const velocity = expectOk(
      velocityOf({
        defaults,
        itemStockedSince: new Date('2026-03-07T22:00:00Z'),
        sales: [sale(9, '2026-03-05T01:00:00Z'), sale(4, '2026-03-08T01:00:00Z')],
      }),
    );

    expect(velocity.source).toBe('category_default');
    expect(velocity.defaultReason).toBe('new_item');
    expect(velocity.unitsPerDay).toBe(1.5);
    expect(velocity.daysNotTracked).toBe(5);
    expect(velocity.daysCounted).toBe(2);
    // The sale before the item was stocked there does not count: 4 units over 2 days.
    expect(velocity.historyUnitsPerDay).toBe(2);
    expect(velocity.reason).toContain('category average');
  });

  it('uses the chain average at a new store when the category has none', () => {
    const velocity = expectOk(
      velocityOf({
        defaults: { ...defaults, categoryAverageUnitsPerDay: null },
        locationSalesSince: new Date('2026-03-06T00:00:00Z'),
      }),
    );

    expect(velocity.source).toBe('chain_default');
    expect(velocity.defaultReason).toBe('new_location');
    expect(velocity.unitsPerDay).toBe(0.8);
  });

  it('falls to the floor for an item out of stock most of the window, with no averages', () => {
    const velocity = expectOk(
      velocityOf({
        defaults: { minCountedDays: 3, floorUnitsPerDay: 0.1 },
        stockOuts: {
          days: ['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07'].map(
            (day) => ({ day }),
          ),
        },
      }),
    );

    expect(velocity.source).toBe('floor');
    expect(velocity.defaultReason).toBe('out_of_stock');
    expect(velocity.unitsPerDay).toBe(0.1);
  });

  it('takes a full window in stock without a sale as history of zero, not as no history', () => {
    const velocity = expectOk(velocityOf({ defaults }));

    expect(velocity.source).toBe('history');
    expect(velocity.unitsPerDay).toBe(0);
  });

  it('takes the default for an item first stocked today, which has no tracked day yet', () => {
    // now is 2026-03-10 12:00 in Brisbane; stocked at 08:00 local the same day.
    const velocity = expectOk(velocityOf({ itemStockedSince: new Date('2026-03-09T22:00:00Z') }));

    expect(velocity).toMatchObject({
      source: 'floor',
      defaultReason: 'new_item',
      daysNotTracked: 7,
    });
    expect(velocity.historyUnitsPerDay).toBeNull();
  });

  it('refuses a window that is not a whole number of days', () => {
    expect(() => velocityOf({ windowDays: 0 })).toThrow(VelocityError);
    expect(() => velocityOf({ windowDays: 2.5 })).toThrow(
      expect.objectContaining({ code: 'invalid_window_days' }),
    );
  });
});
