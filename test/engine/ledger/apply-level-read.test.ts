import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyLevelRead } from '../../../src/engine/ledger/apply-level-read.js';
import { syncRegistry } from '../../../src/engine/registry/sync-registry.js';
import { emptyQuantities } from '../../../src/domain/quantities/level-quantities.js';
import type { ShopifyLevelRead } from '../../../src/sources/shopify/read-levels.js';
import { locationSettingsSchema } from '../../../src/config/config-schema.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';

const modes = { shopify: 'publish', google: 'shadow' } as const;
const now = '2026-12-01T10:00:00.000Z';

function read(values: Partial<ShopifyLevelRead['quantities']>): ShopifyLevelRead {
  return {
    shopifyItemId: '9007199254740993',
    shopifyLocationId: '70011122233',
    locationName: 'Downtown',
    item: { sku: 'TEE-BLK-M', tracked: true, variantId: '43000000000001' },
    quantities: { ...emptyQuantities(), ...values },
    updatedAt: {},
  };
}

describe(`applyLevelRead on ${testEngine}`, () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
    await syncRegistry(
      database.storage,
      [
        locationSettingsSchema.parse({
          handle: 'downtown',
          timeZone: 'America/New_York',
          shopifyLocationId: '70011122233',
          managed: true,
          mode: 'publish',
          bufferUnits: 2,
        }),
      ],
      new Date(now),
    );
  });
  afterEach(async () => database.close());

  const apply = (r: ShopifyLevelRead, version: number | null) =>
    database.storage.db
      .transaction()
      .execute((trx) => applyLevelRead(trx, r, version, { now, signalAt: now, modes }));

  it('records the first read, decides and queues a buffer move for a managed store', async () => {
    const outcome = await apply(read({ available: 10, on_hand: 10 }), null);

    expect(outcome).toMatchObject({
      applied: true,
      locationHandle: 'downtown',
      itemId: 'si-9007199254740993',
    });
    const decision = await database.storage.db
      .selectFrom('decisions')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(decision).toMatchObject({ gross: 10, buffer: 2, sellable: 8, target_safety_stock: 2 });
    const push = await database.storage.db
      .selectFrom('outbox')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(JSON.parse(push.target)).toEqual({ safetyStock: 2, reserved: 0 });
  });

  it('turns a POS carry-out into one movement pair matched to its fulfilment fact', async () => {
    await apply(read({ available: 10, on_hand: 10 }), null);
    await database.storage.db
      .insertInto('fact_lines')
      .values({
        id: 'f1',
        kind: 'fulfillment',
        ref: '5200000000001',
        line_ref: '15000000000001',
        order_id: '6100000000001',
        item_id: 'si-9007199254740993',
        location_handle: 'downtown',
        quantity: 1,
        matched: 0,
        occurred_at: now,
        delivery_id: 'd1',
      })
      .execute();

    const outcome = await apply(read({ available: 9, on_hand: 9 }), 1);

    expect(outcome).toMatchObject({ applied: true, movements: 2 });
    const movements = await database.storage.db
      .selectFrom('movements')
      .selectAll()
      .where('cause_kind', '!=', 'first_read')
      .orderBy('state')
      .execute();
    expect(movements.map((m) => [m.state, m.delta, m.cause_kind, m.cause_ref])).toEqual([
      ['available', -1, 'sold_and_taken', 'fulfillment:5200000000001:15000000000001'],
      ['on_hand', -1, 'sold_and_taken', 'fulfillment:5200000000001:15000000000001'],
    ]);
  });

  it('records nothing when a read shows what the mirror already has', async () => {
    await apply(read({ available: 10, on_hand: 10 }), null);
    const outcome = await apply(read({ available: 10, on_hand: 10 }), 1);

    expect(outcome).toMatchObject({ applied: true, movements: 0 });
  });

  it('refuses a read that began before the level changed', async () => {
    await apply(read({ available: 10, on_hand: 10 }), null);
    await apply(read({ available: 9, on_hand: 9 }), 1);

    const outcome = await apply(read({ available: 10, on_hand: 10 }), 1);

    expect(outcome).toEqual({ applied: false, reason: 'stale' });
    const level = await database.storage.db
      .selectFrom('levels')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(level.available).toBe(9);
  });
});
