import { describe, expect, it } from 'vitest';

import { runSimulation } from '../../src/sim/index.js';

describe('buffers in the simulation', () => {
  it('come from the velocity of the days before each morning, through the product rules', async () => {
    // One item selling 4, 2, 6 and 8 units on four days, never out of stock (500 on the shelf),
    // no online orders. Velocity over the 2 days before each morning; buffer ⌈velocity × 1 day⌉.
    //   day 1: no history yet → the 0.1 units/day floor → 1
    //   day 2: day 1 only → 4          day 3: days 1–2 → (4 + 2) / 2 = 3
    //   day 4: days 2–3 → (2 + 6) / 2 = 4
    // Mean buffer over the four days: (1 + 4 + 3 + 4) / 4 = 3.
    const units = [4, 2, 6, 8];
    const sales = units.map((sold, day) => ({
      store: 'S1',
      sku: 'A',
      category: null,
      day: `2024-03-0${day + 4}`,
      units: sold,
    }));
    const result = await runSimulation({
      sales,
      policies: ['webhooks_buffers'],
      arrivals: 'even',
      onlineShare: 0,
      shrinkRate: 0,
      misplacementRate: 0,
      scanErrorRate: 0,
      receivingErrorRate: 0,
      replenishment: { orderUpToDaysOfCover: 100, forecastDays: 4 },
      velocity: { windowDays: 2, minCountedDays: 1, refreshEveryDays: 1, floorUnitsPerDay: 0.1 },
      buffer: {
        kind: 'rules',
        rules: {
          version: 1,
          chainDefault: {
            policy: {
              kind: 'tiered',
              bands: [{ fromUnitsPerDay: 0, bufferUnits: 0, daysOfCover: 1 }],
            },
          },
          hysteresis: { minUnitsChange: 1, minVelocityChangePercent: 0 },
        },
      },
    });
    const outcome = result.policies[0]!;

    expect(outcome.units.startingStock).toBe(500);
    expect(outcome.walkIns.lostAtEmptyShelf).toBe(0);
    expect(outcome.buffers).toEqual({ meanUnits: 3, maxUnits: 4 });
  });
});
