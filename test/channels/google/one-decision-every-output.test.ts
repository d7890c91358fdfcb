import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGoogleChannel } from '../../../src/channels/google/create-google-channel.js';
import { enqueueGoogleTarget } from '../../../src/channels/google/enqueue-google-target.js';
import { googleSettingsFrom } from '../../../src/channels/google/google-settings.js';
import type { GoogleSettingsInput } from '../../../src/channels/google/google-settings.js';
import { streamFeedRows } from '../../../src/channels/google/stream-feed-rows.js';
import { refreshDecision } from '../../../src/engine/decision/refresh-decision.js';
import { Metrics } from '../../../src/engine/metrics/metrics.js';
import { OutboxWorker } from '../../../src/engine/outbox/outbox-worker.js';
import { startGoogleSandbox } from '../../../src/sandbox/google/start-google-sandbox.js';
import type { GoogleSandbox } from '../../../src/sandbox/google/start-google-sandbox.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { apiToken, buildTestApi } from './google-app-context.js';
import { insertItems, insertLevel, insertStores, seededAt } from './google-test-chain.js';

const account = '777';
const tee = { contentLanguage: 'en', feedLabel: 'US', offerId: 'TEE-BLK-M' };
const modes = { shopify: 'publish', google: 'publish' } as const;

describe(`one stored decision feeds every channel, on ${testEngine}`, () => {
  let database: TestDatabase;
  let sandbox: GoogleSandbox;
  const clock = new ManualClock(seededAt);

  beforeEach(async () => {
    database = await openTestDatabase();
    sandbox = await startGoogleSandbox();
    sandbox.store.addProduct(account, { ...tee, destinations: ['LOCAL_INVENTORY_ADS'] });

    const { db } = database.storage;
    await insertStores(db, [
      { handle: 'downtown', storeCode: 'STORE-1', managed: true, bufferUnits: 2 },
      { handle: 'uptown', storeCode: 'STORE-2', managed: true, bufferUnits: 2 },
    ]);
    await insertItems(db, [{ id: 'tee', sku: 'TEE-BLK-M' }]);
    // downtown: nothing placed yet, 10 available. uptown: 2 already in safety stock, 3 available.
    await insertLevel(db, { itemId: 'tee', locationHandle: 'downtown', available: 10 });
    await insertLevel(db, {
      itemId: 'tee',
      locationHandle: 'uptown',
      available: 3,
      placedSafetyStock: 2,
    });
  });

  afterEach(async () => {
    await sandbox.close();
    await database.close();
  });

  const settings = (extra: GoogleSettingsInput = {}) =>
    googleSettingsFrom(
      {},
      {
        mode: 'publish',
        merchantAccountId: account,
        endpoint: sandbox.url,
        accessToken: sandbox.accessToken,
        ...extra,
      },
    );

  async function decideAll(extra: GoogleSettingsInput = {}) {
    const { db } = database.storage;
    const now = clock.now().toISOString();
    for (const locationHandle of ['downtown', 'uptown']) {
      const key = { itemId: 'tee', locationHandle };
      const decision = await refreshDecision(db, key, modes, now, now);
      if (!decision) throw new Error('no level');
      await enqueueGoogleTarget(db, {
        ...key,
        decision,
        settings: settings(extra),
        signalAt: now,
        now,
      });
    }
  }

  async function apiSellable(location: string): Promise<number> {
    const api = await buildTestApi(database.storage, database.url, clock.now);
    try {
      const reply = await api.inject({
        url: `/v1/availability?item=tee&location=${location}`,
        headers: { authorization: `Bearer ${apiToken}` },
      });
      return reply.json().levels[0].sellable;
    } finally {
      await api.close();
    }
  }

  /** What the online store will show once the Shopify move lands: available, less the gap. */
  async function storefrontAvailable(location: string): Promise<number> {
    const { db } = database.storage;
    const level = await db
      .selectFrom('levels')
      .selectAll()
      .where('item_id', '=', 'tee')
      .where('location_handle', '=', location)
      .executeTakeFirstOrThrow();
    const push = await db
      .selectFrom('outbox')
      .select('target')
      .where('channel', '=', 'shopify')
      .where('location_handle', '=', location)
      .executeTakeFirst();
    if (!push) return level.available;
    const target = JSON.parse(push.target) as { safetyStock: number; reserved: number };
    return (
      level.available -
      (target.safetyStock - level.placed_safety_stock) -
      (target.reserved - level.placed_reserved)
    );
  }

  async function googleTarget(location: string): Promise<unknown> {
    const push = await database.storage.db
      .selectFrom('outbox')
      .select('target')
      .where('channel', '=', 'google')
      .where('location_handle', '=', location)
      .executeTakeFirstOrThrow();
    return JSON.parse(push.target);
  }

  it('the storefront, the API, the Google insert and the feed row agree', async () => {
    await decideAll();

    // downtown: gross 10, buffer 2 -> sellable 8; Shopify is to move 2 into safety stock.
    // uptown: gross 3 + 2 placed = 5, buffer 2 -> sellable 3; Shopify already holds the 2.
    expect(await storefrontAvailable('downtown')).toBe(8);
    expect(await storefrontAvailable('uptown')).toBe(3);
    expect(await apiSellable('downtown')).toBe(8);
    expect(await apiSellable('uptown')).toBe(3);
    expect(await googleTarget('downtown')).toEqual({
      storeCode: 'STORE-1',
      quantity: 8,
      availability: 'IN_STOCK',
    });
    expect(await googleTarget('uptown')).toEqual({
      storeCode: 'STORE-2',
      quantity: 3,
      availability: 'IN_STOCK',
    });

    const channel = await createGoogleChannel(settings(), {
      storage: database.storage,
      metrics: new Metrics(),
      logger: silentLogger(),
      clock: clock.now,
    });
    try {
      const worker = new OutboxWorker({
        storage: database.storage,
        publisher: channel.publisher,
        metrics: new Metrics(),
        logger: silentLogger(),
        clock: clock.now,
        batchSize: 10,
        claimTtlSeconds: 30,
        backoffBaseMs: 200,
        maxAttempts: 3,
      });
      expect(await worker.runOnce()).toBe(2);
    } finally {
      await channel.close();
    }
    const quantity = (store: string) =>
      sandbox.store.inventory(account, tee, store)?.localInventoryAttributes.quantity;
    expect([quantity('STORE-1'), quantity('STORE-2')]).toEqual(['8', '3']);

    const feed = [];
    for await (const row of streamFeedRows(database.storage.db, settings())) feed.push(row);
    expect(feed.map((row) => [row.storeCode, row.quantity, row.availability])).toEqual([
      ['STORE-1', 8, 'IN_STOCK'],
      ['STORE-2', 3, 'IN_STOCK'],
    ]);
  });

  it("Google's own policy changes only Google's number, never the decision behind it", async () => {
    // Google is shown at most 5 units, and 0 when sellable is 3 or fewer.
    await decideAll({ maxShownUnits: 5, zeroAtOrBelowUnits: 3 });

    expect(await apiSellable('downtown')).toBe(8);
    expect(await apiSellable('uptown')).toBe(3);
    expect(await storefrontAvailable('downtown')).toBe(8);
    expect(await googleTarget('downtown')).toEqual({
      storeCode: 'STORE-1',
      quantity: 5,
      availability: 'IN_STOCK',
    });
    expect(await googleTarget('uptown')).toEqual({
      storeCode: 'STORE-2',
      quantity: 0,
      availability: 'OUT_OF_STOCK',
    });
  });
});
