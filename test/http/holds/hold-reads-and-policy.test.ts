import { afterEach, describe, expect, it } from 'vitest';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { seedLevel } from '../../engine/holds/hold-fixture.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { bearer, startTestServer, TOKENS } from '../http-test-context.js';
import type { TestServer } from '../http-test-context.js';

// The test server's clock stands at 2026-05-04T10:00:00.000Z.
describe(`holds as reads see them and as the policy allows them, on ${testEngine}`, () => {
  let database: TestDatabase;
  let t: TestServer;
  async function start(flags: Record<string, unknown> = {}) {
    database = await openTestDatabase();
    t = await startTestServer({ storage: database.storage, flags });
    await seedLevel(t.storage, {
      item: 'tee',
      sku: 'TEE-M',
      location: 'queen-st',
      available: 3,
      tags: ['pickup-hold'],
    });
    await seedLevel(t.storage, { item: 'mug', sku: 'MUG', location: 'queen-st', available: 3 });
  }
  afterEach(async () => {
    await t.close();
    await database.close();
  });

  const hold = (lines: unknown[], ttlSeconds?: number, key = 'key-1') =>
    t.server.inject({
      method: 'POST',
      url: '/v1/holds',
      headers: { ...bearer(TOKENS.write), 'idempotency-key': key },
      payload: { cartId: 'cart-1', lines, ...(ttlSeconds ? { ttlSeconds } : {}) },
    });
  const availability = async () => {
    const response = await t.server.inject({
      method: 'GET',
      url: '/v1/availability?item=tee',
      headers: bearer(TOKENS.read),
    });
    const [level] = response.json().levels;
    return { held: level.held, sellable: level.sellable };
  };

  it('stops counting an expired hold at read time, from its expiry second on', async () => {
    await start();
    const placed = await hold([{ item: 'tee', location: 'queen-st', quantity: 2 }], 60);
    expect(placed.json().expiresAt).toBe('2026-05-04T10:01:00.000Z');

    // 3 available, 2 held: 1 sellable until the hold's last millisecond.
    t.clock.set('2026-05-04T10:00:59.999Z');
    expect(await availability()).toEqual({ held: 2, sellable: 1 });

    // At the expiry instant the hold has expired (closed boundary): 0 held, 3 sellable.
    t.clock.set('2026-05-04T10:01:00.000Z');
    expect(await availability()).toEqual({ held: 0, sellable: 3 });

    // Nothing swept it: the read alone left it out, the stored counter still has it.
    const level = await holdsDb(t.storage.db)
      .selectFrom('levels')
      .select('held')
      .where('item_id', '=', 'tee')
      .executeTakeFirstOrThrow();
    expect(level.held).toBe(2);
  });

  it('leaves a live hold of another cart counting when one hold has expired', async () => {
    await start();
    await hold([{ item: 'tee', location: 'queen-st', quantity: 1 }], 60, 'key-a');
    await t.server.inject({
      method: 'POST',
      url: '/v1/holds',
      headers: { ...bearer(TOKENS.write), 'idempotency-key': 'key-b' },
      payload: { cartId: 'cart-2', lines: [{ item: 'tee', location: 'queen-st', quantity: 1 }] },
    });

    // cart-1 expired at 10:01; cart-2 (the default 600 s) lives until 10:10.
    t.clock.set('2026-05-04T10:01:00.000Z');
    expect(await availability()).toEqual({ held: 1, sellable: 2 });
  });

  it('answers 422 hold_not_offered for an item the policy does not select, saying why', async () => {
    await start({ holds: { tags: ['pickup-hold'] } });

    const refused = await hold([
      { item: 'tee', location: 'queen-st', quantity: 1 },
      { item: 'mug', location: 'queen-st', quantity: 1 },
    ]);

    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'hold_not_offered',
      details: {
        lines: [
          {
            item: 'mug',
            location: 'queen-st',
            reason: 'not_selected',
            why: 'holds need a tag of pickup-hold; it has category none, tags none',
          },
        ],
      },
    });
    // Nothing was held, so the level was never decided (the seed is a first read).
    expect(await availability()).toEqual({ held: null, sellable: null });

    const tagged = await hold(
      [{ item: 'tee', location: 'queen-st', quantity: 1 }],
      undefined,
      'k2',
    );
    expect(tagged.statusCode).toBe(201);
  });

  it('asks the velocity store for fast sellers: an item without sales history is not one', async () => {
    await start({ holds: { minUnitsPerDay: 1 } });

    const refused = await hold([{ item: 'mug', location: 'queen-st', quantity: 1 }]);

    // No sales recorded at all: the store leaves the mug out, which reads as 0 units a day.
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.lines[0].why).toBe(
      'holds need at least 1 units/day sold; it has category none, tags none, 0 units/day',
    );
  });
});
