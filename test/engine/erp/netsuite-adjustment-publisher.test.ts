import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueCountCorrectionPost } from '../../../src/engine/erp/enqueue-count-correction-post.js';
import { erpDb } from '../../../src/engine/erp/erp-database.js';
import { findErpPost, queuePendingErpPosts } from '../../../src/engine/erp/erp-post-store.js';
import { netsuitePosters } from '../../../src/engine/erp/erp-posters.js';
import type { ErpPosters } from '../../../src/engine/erp/erp-posters.js';
import type { ErpPostingSettings } from '../../../src/engine/erp/erp-posting-settings.js';
import { NetSuiteAdjustmentPublisher } from '../../../src/engine/erp/netsuite-adjustment-publisher.js';
import { Metrics } from '../../../src/engine/metrics/metrics.js';
import { claimPushes } from '../../../src/engine/outbox/outbox-store.js';
import { OutboxWorker } from '../../../src/engine/outbox/outbox-worker.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { startTbaHarness } from '../../sources/netsuite/netsuite-fixture.js';
import type { TbaHarness } from '../../sources/netsuite/netsuite-fixture.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { seedItem, seedLocation, seedNetSuiteItem } from './erp-fixture.js';

const settings: ErpPostingSettings = { adjustmentAccountId: '154', postSales: false };

// 03:30 UTC on 1 March is 22:30 on 28 February in New York: the count's day at the store.
const correction = {
  id: '81',
  locationHandle: 'downtown',
  countedAt: '2025-03-01T03:30:00.000Z',
  lines: [
    { itemId: 'A', delta: -3 },
    { itemId: 'B', delta: 2 },
    { itemId: 'Z', delta: 1 },
  ],
};

describe(`posting count corrections to NetSuite on ${testEngine}`, () => {
  let database: TestDatabase;
  let harness: TbaHarness;

  beforeEach(async () => {
    database = await openTestDatabase();
    harness = await startTbaHarness();
    const { storage } = database;
    await seedLocation(storage, { handle: 'downtown', netsuiteId: '7' });
    await seedItem(storage, { id: 'A', sku: 'TEE-A' });
    await seedItem(storage, { id: 'B', sku: 'TEE-B' });
    await seedItem(storage, { id: 'Z', sku: 'NOT-IN-NETSUITE' });
    await seedNetSuiteItem(storage, '42', 'A');
    await seedNetSuiteItem(storage, '43', 'B');
    harness.sandbox.store.setItemLocation({ item: '42', location: '7', onHand: 10 });
    harness.sandbox.store.setItemLocation({ item: '43', location: '7', onHand: 0 });
  });

  afterEach(async () => {
    await harness.sandbox.close();
    await database.close();
  });

  const publisher = (posters: ErpPosters, mode: 'shadow' | 'publish' = 'publish') =>
    new NetSuiteAdjustmentPublisher({
      storage: database.storage,
      posters,
      settings,
      clock: harness.clock.now,
      logger: silentLogger(),
      channelMode: () => mode,
    });

  const worker = (posters: ErpPosters, mode: 'shadow' | 'publish' = 'publish') =>
    new OutboxWorker({
      storage: database.storage,
      publisher: publisher(posters, mode),
      metrics: new Metrics(),
      logger: silentLogger(),
      clock: harness.clock.now,
      batchSize: 10,
      claimTtlSeconds: 30,
      backoffBaseMs: 1000,
      maxAttempts: 5,
    });

  it('records an inventory adjustment dated the count day at the store, skipping unmatched items', async () => {
    const queued = await enqueueCountCorrectionPost(database.storage, correction, {
      settings,
      clock: harness.clock.now,
    });

    expect(queued).toEqual({
      ok: true,
      externalId: 'trueshelf-count-81',
      created: true,
      skippedItems: ['Z'],
    });
    const post = await findErpPost(database.storage, 'trueshelf-count-81');
    expect(post).toMatchObject({
      kind: 'inventory_adjustment',
      status: 'pending',
      source_ref: '81',
    });
    expect(JSON.parse(post?.request ?? '{}')).toEqual({
      externalId: 'trueshelf-count-81',
      accountId: '154',
      locationId: '7',
      tranDate: '2025-02-28',
      memo: 'trueshelf count correction 81',
      lines: [
        { itemId: '42', locationId: '7', adjustQtyBy: -3 },
        { itemId: '43', locationId: '7', adjustQtyBy: 2 },
      ],
    });
    const outbox = await database.storage.db.selectFrom('outbox').selectAll().execute();
    expect(outbox.map((row) => [row.channel, row.item_id, row.location_handle])).toEqual([
      ['netsuite', 'trueshelf-count-81', 'downtown'],
    ]);
  });

  it('recording the same correction twice queues one document', async () => {
    const context = { settings, clock: harness.clock.now };
    await enqueueCountCorrectionPost(database.storage, correction, context);
    const again = await enqueueCountCorrectionPost(database.storage, correction, context);

    expect(again).toMatchObject({ ok: true, created: false });
    expect(
      await erpDb(database.storage).selectFrom('erp_posts').selectAll().execute(),
    ).toHaveLength(1);
  });

  it('says why it cannot post: no account, a location or items NetSuite lacks, nothing to book', async () => {
    const context = { settings, clock: harness.clock.now };
    await seedLocation(database.storage, { handle: 'popup', netsuiteId: null });

    const outcomes = await Promise.all([
      enqueueCountCorrectionPost(database.storage, correction, {
        ...context,
        settings: { ...settings, adjustmentAccountId: undefined },
      }),
      enqueueCountCorrectionPost(
        database.storage,
        { ...correction, locationHandle: 'popup' },
        context,
      ),
      enqueueCountCorrectionPost(
        database.storage,
        { ...correction, lines: [{ itemId: 'Z', delta: 1 }] },
        context,
      ),
      enqueueCountCorrectionPost(
        database.storage,
        { ...correction, lines: [{ itemId: 'A', delta: 0 }] },
        context,
      ),
    ]);

    expect(outcomes).toEqual([
      { ok: false, reason: 'no_adjustment_account' },
      { ok: false, reason: 'location_not_in_netsuite' },
      { ok: false, reason: 'no_line_in_netsuite' },
      { ok: false, reason: 'nothing_to_correct' },
    ]);
  });

  it('posts once when a worker dies between NetSuite answering and the post being recorded', async () => {
    const { sandbox, clock, client } = harness;
    await enqueueCountCorrectionPost(database.storage, correction, { settings, clock: clock.now });
    const real = netsuitePosters(client);
    const dying: ErpPosters = {
      ...real,
      postAdjustment: async (adjustment) => {
        await real.postAdjustment(adjustment);
        throw new Error('worker died before recording the post');
      },
    };

    // The first worker claims the row, NetSuite books the adjustment, and the worker dies.
    const [claimed] = await claimPushes(
      database.storage,
      'netsuite',
      'worker-1',
      clock.now(),
      10,
      30,
    );
    if (claimed === undefined) throw new Error('nothing claimed');
    await expect(publisher(dying).publish(claimed)).rejects.toThrow('worker died');
    const booked = sandbox.store.adjustments();
    expect(booked).toHaveLength(1);
    expect(await findErpPost(database.storage, 'trueshelf-count-81')).toMatchObject({
      status: 'pending',
    });

    // Its claim expires; a second worker claims the same row and sends the same document.
    clock.advance(31_000);
    expect(await worker(real).runOnce()).toBe(1);

    expect(sandbox.store.adjustments()).toHaveLength(1);
    expect(sandbox.store.itemLocation('42', '7')?.onHand).toBe(7);
    expect(sandbox.store.itemLocation('43', '7')?.onHand).toBe(2);
    expect(await findErpPost(database.storage, 'trueshelf-count-81')).toMatchObject({
      status: 'posted',
      outcome: 'already_posted',
      netsuite_id: booked[0]?.id,
    });
    const row = await database.storage.db
      .selectFrom('outbox')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'done', attempts: 0 });
  });

  it('a posted document is not sent again when its row comes back', async () => {
    const { sandbox, clock, client } = harness;
    await enqueueCountCorrectionPost(database.storage, correction, { settings, clock: clock.now });
    await worker(netsuitePosters(client)).runOnce();
    const requests = sandbox.store.requests.length;

    clock.advance(1000);
    expect(await queuePendingErpPosts(database.storage, clock.now())).toBe(0);
    await erpDb(database.storage).updateTable('outbox').set({ status: 'pending' }).execute();
    await worker(netsuitePosters(client)).runOnce();

    expect(sandbox.store.requests.length).toBe(requests);
    expect(sandbox.store.adjustments()).toHaveLength(1);
  });

  it('in shadow it sends nothing, and a switch to publish sends what was kept', async () => {
    const { sandbox, clock, client } = harness;
    await enqueueCountCorrectionPost(database.storage, correction, { settings, clock: clock.now });

    await worker(netsuitePosters(client), 'shadow').runOnce();
    expect(sandbox.store.requests).toHaveLength(0);
    expect(await findErpPost(database.storage, 'trueshelf-count-81')).toMatchObject({
      status: 'pending',
    });

    clock.advance(1000);
    expect(await queuePendingErpPosts(database.storage, clock.now())).toBe(1);
    await worker(netsuitePosters(client)).runOnce();

    expect(sandbox.store.adjustments()).toHaveLength(1);
    expect(await findErpPost(database.storage, 'trueshelf-count-81')).toMatchObject({
      status: 'posted',
      outcome: 'created',
    });
  });

  it('retries while NetSuite is busy and parks a document NetSuite refuses', async () => {
    const { sandbox, clock, client } = harness;
    await enqueueCountCorrectionPost(database.storage, correction, { settings, clock: clock.now });
    // The client retries a 429 itself (6 attempts by default); all of them refused.
    sandbox.store.rejectNextRequests(6);

    await worker(netsuitePosters(client)).runOnce();
    const busy = await database.storage.db
      .selectFrom('outbox')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(busy.status).toBe('pending');
    expect(busy.last_error).toContain('netsuite_concurrency_limit');

    // A stored document that is malformed (no lines) can never be sent: parked, not retried.
    const post = await findErpPost(database.storage, 'trueshelf-count-81');
    const malformed = { ...JSON.parse(post?.request ?? '{}'), lines: [] };
    await erpDb(database.storage)
      .updateTable('erp_posts')
      .set({ request: JSON.stringify(malformed) })
      .execute();
    clock.advance(60_000);
    await worker(netsuitePosters(client)).runOnce();
    const parked = await database.storage.db
      .selectFrom('outbox')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(parked.status).toBe('parked');
    expect(parked.last_error).toContain('netsuite_invalid_record');
  });
});
