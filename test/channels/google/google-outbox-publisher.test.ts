import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGoogleChannel } from '../../../src/channels/google/create-google-channel.js';
import type { GoogleChannel } from '../../../src/channels/google/create-google-channel.js';
import { enqueueGoogleTarget } from '../../../src/channels/google/enqueue-google-target.js';
import { GoogleOutboxPublisher } from '../../../src/channels/google/google-outbox-publisher.js';
import { googleSettingsFrom } from '../../../src/channels/google/google-settings.js';
import type { GoogleSettings } from '../../../src/channels/google/google-settings.js';
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
import { loopbackHosts, watchOutboundHosts } from './loopback-guard.js';

const account = '123456';
const local = ['LOCAL_INVENTORY_ADS', 'FREE_LOCAL_LISTINGS'];
const tee = { contentLanguage: 'en', feedLabel: 'US', offerId: 'TEE-BLK-M' };
const mug = { contentLanguage: 'en', feedLabel: 'US', offerId: 'mug/12oz' };
const modes = { shopify: 'shadow', google: 'publish' } as const;

describe(`GoogleOutboxPublisher on ${testEngine}, through the outbox to the sandbox`, () => {
  let database: TestDatabase;
  let sandbox: GoogleSandbox;
  let channel: GoogleChannel;
  let worker: OutboxWorker;
  let clock: ManualClock;
  const guard = watchOutboundHosts();

  beforeEach(async () => {
    database = await openTestDatabase();
    sandbox = await startGoogleSandbox();
    clock = new ManualClock(seededAt);

    await insertStores(database.storage.db, [
      {
        handle: 'downtown',
        storeCode: 'STORE-1',
        managed: true,
        bufferUnits: 2,
        pickupEnabled: true,
      },
      { handle: 'mall', storeCode: 'STORE-2', pickupEnabled: false },
      { handle: 'outlet', storeCode: 'STORE-3', mode: 'shadow' },
    ]);
    await insertItems(database.storage.db, [
      { id: 'tee', sku: 'TEE-BLK-M' },
      { id: 'mug', sku: 'mug/12oz' },
      { id: 'cap', sku: 'CAP-RED' },
    ]);
    sandbox.store.addProduct(account, { ...tee, destinations: local });
    sandbox.store.addProduct(account, { ...mug, destinations: local });

    channel = await createGoogleChannel(settingsFor(sandbox), {
      storage: database.storage,
      metrics: new Metrics(),
      logger: silentLogger(),
      clock: clock.now,
    });
    worker = workerFor(channel);
  });

  afterEach(async () => {
    for (const host of guard.hosts()) expect(loopbackHosts).toContain(host);
    await channel.close();
    await sandbox.close();
    await database.close();
  });

  function settingsFor(google: GoogleSandbox): GoogleSettings {
    return googleSettingsFrom(
      {},
      {
        mode: 'publish',
        merchantAccountId: account,
        endpoint: google.url,
        accessToken: google.accessToken,
      },
    );
  }

  function workerFor(google: GoogleChannel): OutboxWorker {
    return new OutboxWorker({
      storage: database.storage,
      publisher: google.publisher,
      metrics: new Metrics(),
      logger: silentLogger(),
      clock: clock.now,
      batchSize: 10,
      claimTtlSeconds: 30,
      backoffBaseMs: 200,
      maxAttempts: 8,
    });
  }

  /** What the mirror does after a read: store the level's decision, hand Google its target. */
  async function decide(itemId: string, locationHandle: string, available: number) {
    const { db } = database.storage;
    const now = clock.now().toISOString();
    const updated = await db
      .updateTable('levels')
      .set({ available, on_hand: available })
      .where('item_id', '=', itemId)
      .where('location_handle', '=', locationHandle)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) await insertLevel(db, { itemId, locationHandle, available });

    const decision = await refreshDecision(db, { itemId, locationHandle }, modes, now, now);
    if (!decision) throw new Error('no level to decide');
    const settings = settingsFor(sandbox);
    return enqueueGoogleTarget(db, {
      itemId,
      locationHandle,
      decision,
      settings,
      signalAt: now,
      now,
    });
  }

  async function outboxRow(itemId: string, locationHandle: string) {
    return database.storage.db
      .selectFrom('outbox')
      .selectAll()
      .where('channel', '=', 'google')
      .where('item_id', '=', itemId)
      .where('location_handle', '=', locationHandle)
      .executeTakeFirstOrThrow();
  }

  const record = (product: typeof tee, storeCode: string) =>
    sandbox.store.inventory(account, product, storeCode)?.localInventoryAttributes;

  it('a stored decision reaches the sandbox with its quantity, band and the store pickup', async () => {
    // available 10, buffer 2 at downtown: sellable 8.
    const enqueued = await decide('tee', 'downtown', 10);
    expect(enqueued).toMatchObject({ enqueued: true, bandChange: true, dueAt: seededAt });

    expect(await worker.runOnce()).toBe(1);

    expect(record(tee, 'STORE-1')).toEqual({
      availability: 'IN_STOCK',
      quantity: '8',
      pickupMethod: 'BUY',
      pickupSla: 'SAME_DAY',
    });
    const sent = sandbox.store.requests.at(-1);
    expect(sent?.path).toBe(
      `/inventories/v1/accounts/${account}/products/en~US~TEE-BLK-M/localInventories:insert`,
    );
    expect(await outboxRow('tee', 'downtown')).toMatchObject({
      status: 'done',
      sent_version: 1,
      last_error: null,
    });
  });

  it('an id with a slash travels base64url, and a store without pickup says not supported', async () => {
    await decide('mug', 'mall', 2);

    await worker.runOnce();

    // base64url of 'en~US~mug/12oz', worked out apart from the code.
    expect(sandbox.store.requests.at(-1)?.path).toBe(
      `/inventories/v1/accounts/${account}/products/ZW5-VVN-bXVnLzEyb3o/localInventories:insert`,
    );
    expect(record(mug, 'STORE-2')).toEqual({
      availability: 'LIMITED_AVAILABILITY',
      quantity: '2',
      pickupMethod: 'NOT_SUPPORTED',
    });
  });

  it('a POS sale inside the band waits for the debounce; one that crosses the band goes at once', async () => {
    await decide('tee', 'downtown', 10);
    await worker.runOnce();

    // One sale: sellable 7, still in stock. Due a minute later, so nothing goes now.
    const quiet = await decide('tee', 'downtown', 9);
    expect(quiet).toMatchObject({
      enqueued: true,
      bandChange: false,
      dueAt: '2026-12-01T10:01:00.000Z',
    });
    expect(await worker.runOnce()).toBe(0);
    expect(record(tee, 'STORE-1')?.quantity).toBe('8');

    clock.advance(60_000);
    expect(await worker.runOnce()).toBe(1);
    expect(record(tee, 'STORE-1')?.quantity).toBe('7');

    // Five more sold: sellable 2, limited availability. Shoppers must see that now.
    const crossing = await decide('tee', 'downtown', 4);
    expect(crossing).toMatchObject({ enqueued: true, bandChange: true });
    expect(await worker.runOnce()).toBe(1);
    expect(record(tee, 'STORE-1')).toMatchObject({
      availability: 'LIMITED_AVAILABILITY',
      quantity: '2',
    });
  });

  it('a location in shadow gets no Google push', async () => {
    expect(await decide('tee', 'outlet', 10)).toEqual({ enqueued: false, why: 'not_publishing' });
    expect(await worker.runOnce()).toBe(0);
    expect(sandbox.store.requests).toEqual([]);
  });

  it("a permanent refusal parks the row with Google's reason, and a replay after the fix sends it", async () => {
    // CAP-RED is not a Merchant Center product.
    await decide('cap', 'mall', 5);
    await worker.runOnce();

    const parked = await outboxRow('cap', 'mall');
    expect(parked.status).toBe('parked');
    expect(parked.last_error).toMatch(
      /^Google refused: SANDBOX_PRODUCT_NOT_FOUND \(NOT_FOUND 404\): /,
    );

    const api = await buildTestApi(database.storage, database.url, clock.now);
    try {
      const listed = await api.inject({
        url: '/v1/outbox?status=parked&channel=google',
        headers: { authorization: `Bearer ${apiToken}` },
      });
      expect(listed.json().outbox.map((row: { lastError: string }) => row.lastError)).toEqual([
        parked.last_error,
      ]);

      sandbox.store.addProduct(account, { ...tee, offerId: 'CAP-RED', destinations: local });
      const replay = await api.inject({
        method: 'POST',
        url: '/v1/outbox/google/cap/mall/replay',
        headers: { authorization: `Bearer ${apiToken}` },
      });
      expect(replay.statusCode).toBe(200);
    } finally {
      await api.close();
    }

    expect(await worker.runOnce()).toBe(1);
    expect(await outboxRow('cap', 'mall')).toMatchObject({ status: 'done', last_error: null });
    expect(record({ ...tee, offerId: 'CAP-RED' }, 'STORE-2')).toMatchObject({
      availability: 'IN_STOCK',
      quantity: '5',
    });
  });

  it('a 429 puts the row back with the backoff and holds every insert back for a second', async () => {
    // The same channel, with the budget's waits taken on the test's clock.
    const publisher = new GoogleOutboxPublisher({
      storage: database.storage,
      settings: settingsFor(sandbox),
      inventory: channel.inventory,
      metrics: new Metrics(),
      logger: silentLogger(),
      clock: clock.now,
      sleep: async (ms) => clock.advance(ms),
    });
    const patient = workerFor({ ...channel, publisher });
    await decide('tee', 'downtown', 10);
    sandbox.store.failNext(1, { httpStatus: 429 });

    await patient.runOnce();

    const waiting = await outboxRow('tee', 'downtown');
    expect(waiting.status).toBe('pending');
    expect(waiting.last_error).toMatch(
      /^Google asked to retry: quota\/request_rate_too_high \(RESOURCE_EXHAUSTED 429\)/,
    );
    // No RetryInfo from Google: the outbox's first backoff, 200 ms.
    expect(waiting.next_attempt_at).toBe('2026-12-01T10:00:00.200Z');
    expect(record(tee, 'STORE-1')).toBeUndefined();

    // Due again at 200 ms, but the insert waits for the end of the one-second hold.
    clock.advance(200);
    expect(await patient.runOnce()).toBe(1);
    expect(clock.now().toISOString()).toBe('2026-12-01T10:00:01.000Z');
    expect(record(tee, 'STORE-1')?.quantity).toBe('8');
  });

  it('a 503 retries after the backoff alone, without holding other inserts back', async () => {
    await decide('tee', 'downtown', 10);
    sandbox.store.failNext(1, { httpStatus: 503 });

    await worker.runOnce();

    const waiting = await outboxRow('tee', 'downtown');
    expect(waiting).toMatchObject({
      status: 'pending',
      next_attempt_at: '2026-12-01T10:00:00.200Z',
    });
    expect(waiting.last_error).toMatch(
      /^Google asked to retry: SANDBOX_UNAVAILABLE \(UNAVAILABLE 503\)/,
    );

    clock.advance(200);
    expect(await worker.runOnce()).toBe(1);
    expect(record(tee, 'STORE-1')?.quantity).toBe('8');
  });

  it('a spent daily quota waits until it resets at 12:00 UTC', async () => {
    await decide('tee', 'downtown', 10);
    sandbox.store.failNext(1, { httpStatus: 429, reason: 'quota/daily_limit_exceeded' });

    await worker.runOnce();

    const waiting = await outboxRow('tee', 'downtown');
    expect(waiting).toMatchObject({
      status: 'pending',
      next_attempt_at: '2026-12-01T12:00:00.000Z',
    });
  });
});
