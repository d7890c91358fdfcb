import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { googleSettingsFrom } from '../../../src/channels/google/google-settings.js';
import { streamFeedRows } from '../../../src/channels/google/stream-feed-rows.js';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { chainOverview } from '../../../src/http/dashboard/chain-overview.js';
import { itemDetail } from '../../../src/http/dashboard/item-detail.js';
import { storeLevels } from '../../../src/http/dashboard/store-levels.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, holdService, nextKey, seedLevel } from './hold-fixture.js';

// A 60 s hold of 3 of 5 units placed at 12:00:00.000 runs out at 12:01:00.000 exactly.
const ONE_SECOND_BEFORE = new Date('2026-06-01T12:00:59.000Z');
const AT_EXPIRY = new Date('2026-06-01T12:01:00.000Z');

describe(`a lapsed hold, not yet swept, on the dashboard and in the Google feed on ${testEngine}`, () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
    const clock = new ManualClock(T0);
    await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 5 });
    await holdsDb(database.storage.db)
      .updateTable('locations')
      .set({ google_store_code: 'S-DOWNTOWN' })
      .execute();
    const placed = await holdService(database.storage, clock).place({
      client: 'storefront',
      idempotencyKey: nextKey(),
      cartId: 'cart-1',
      lines: [{ item: 'tee', location: 'downtown', quantity: 3 }],
      ttlSeconds: 60,
    });
    if (placed.kind !== 'placed') throw new Error(`hold not placed: ${placed.kind}`);
  });
  afterEach(async () => database.close());

  const dashboardRow = async (now: Date) => {
    const [row] = await storeLevels(database.storage.db, 'downtown', now);
    return { held: row?.held, sellable: row?.sellable };
  };
  const overviewRow = async (now: Date) => {
    const overview = await chainOverview(database.storage.db, now);
    const downtown = overview.stores.find((store) => store.handle === 'downtown');
    return { sellable: downtown?.sellable, atRisk: downtown?.atRisk };
  };
  const itemDecision = async (now: Date) => {
    const detail = await itemDetail(database.storage.db, 'tee', now);
    const decision = detail?.levels[0]?.decision;
    return { held: decision?.held, sellable: decision?.sellable };
  };
  const feedQuantity = async (now: Date) => {
    const quantities: number[] = [];
    for await (const row of streamFeedRows(database.storage.db, googleSettingsFrom({}), { now }))
      quantities.push(row.quantity);
    return quantities;
  };

  it('counts one second before it runs out: 5 − 3 held = 2', async () => {
    expect(await dashboardRow(ONE_SECOND_BEFORE)).toEqual({ held: 3, sellable: 2 });
    expect(await overviewRow(ONE_SECOND_BEFORE)).toEqual({ sellable: 2, atRisk: 0 });
    expect(await itemDecision(ONE_SECOND_BEFORE)).toEqual({ held: 3, sellable: 2 });
    expect(await feedQuantity(ONE_SECOND_BEFORE)).toEqual([2]);
  });

  it('no longer counts at the instant it runs out, though the sweeper has not run', async () => {
    expect(await dashboardRow(AT_EXPIRY)).toEqual({ held: 0, sellable: 5 });
    expect(await overviewRow(AT_EXPIRY)).toEqual({ sellable: 5, atRisk: 0 });
    expect(await itemDecision(AT_EXPIRY)).toEqual({ held: 0, sellable: 5 });
    expect(await feedQuantity(AT_EXPIRY)).toEqual([5]);
  });

  it("takes a level off the overview's at-risk count once its lapsed hold no longer counts", async () => {
    // Three walk-in sales took the shelf to 2 under the 3 held: gross 2 < buffer 0 + held 3.
    await holdsDb(database.storage.db)
      .updateTable('decisions')
      .set({ gross: 2, sellable: 0 })
      .where('item_id', '=', 'tee')
      .execute();

    expect(await overviewRow(ONE_SECOND_BEFORE)).toEqual({ sellable: 0, atRisk: 1 });
    expect(await overviewRow(AT_EXPIRY)).toEqual({ sellable: 2, atRisk: 0 });
  });
});
