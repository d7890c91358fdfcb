import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueCountCorrectionPost } from '../../src/engine/erp/enqueue-count-correction-post.js';
import { erpDb } from '../../src/engine/erp/erp-database.js';
import { netsuitePosters } from '../../src/engine/erp/erp-posters.js';
import { NetSuiteAdjustmentPublisher } from '../../src/engine/erp/netsuite-adjustment-publisher.js';
import { Metrics } from '../../src/engine/metrics/metrics.js';
import { OutboxWorker } from '../../src/engine/outbox/outbox-worker.js';
import { startNetSuiteSandbox } from '../../src/sandbox/netsuite/start-netsuite-sandbox.js';
import type { NetSuiteSandbox } from '../../src/sandbox/netsuite/start-netsuite-sandbox.js';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { createNetSuiteClient } from '../../src/sources/netsuite/netsuite-client.js';
import { seedItem, seedLocation, seedNetSuiteItem } from '../engine/erp/erp-fixture.js';
import { openTestDatabase, testEngine } from '../support/test-storage.js';
import type { TestDatabase } from '../support/test-storage.js';
import { NO_FIGURES, recordCampaignFigures } from './support/campaign-figures.js';
import { startFaultProxy } from './support/fault-proxy.js';
import type { FaultProxy, ProxyFault } from './support/fault-proxy.js';

const ACCOUNT_ID = '1234567_SB1';
const TBA = {
  consumerKey: 'fault-consumer-key',
  consumerSecret: 'fault-consumer-secret',
  tokenId: 'fault-token-id',
  tokenSecret: 'fault-token-secret',
};
const SETTINGS = { adjustmentAccountId: '154', postSales: false };
const PHASES: readonly ProxyFault[] = [
  { kind: 'status', status: 503 },
  { kind: 'status', status: 429, retryAfterSeconds: 1 },
  { kind: 'drop' },
  // NetSuite books the document, the answer is lost: the resend must not book it twice.
  { kind: 'lose_answer', match: 'trueshelf-count-' },
];
/** Count corrections at store 7: item 42 −3 and item 43 +2 each, so 4 of them move −12, +8. */
const CORRECTIONS = 4;

/**
 * NetSuite unavailable, throttling, dropping connections and losing answers while count
 * corrections are posted through the outbox: afterwards each is booked exactly once.
 */
describe(`outside failures: NetSuite, on ${testEngine}`, () => {
  let database: TestDatabase;
  let sandbox: NetSuiteSandbox;
  let proxy: FaultProxy;
  const clock = new ManualClock('2025-03-01T09:00:00Z');

  beforeAll(async () => {
    database = await openTestDatabase();
    sandbox = await startNetSuiteSandbox({ accountId: ACCOUNT_ID, tba: TBA, clock: clock.now });
    proxy = await startFaultProxy(sandbox.url);
    const { storage } = database;
    await seedLocation(storage, { handle: 'downtown', netsuiteId: '7' });
    await seedItem(storage, { id: 'A', sku: 'TEE-A' });
    await seedItem(storage, { id: 'B', sku: 'TEE-B' });
    await seedNetSuiteItem(storage, '42', 'A');
    await seedNetSuiteItem(storage, '43', 'B');
    sandbox.store.setItemLocation({ item: '42', location: '7', onHand: 100 });
    sandbox.store.setItemLocation({ item: '43', location: '7', onHand: 0 });
  }, 60_000);

  afterAll(async () => {
    await proxy?.close();
    await sandbox?.close();
    await database?.close();
  });

  it('every count correction is booked once after 503s, 429s, drops and lost answers', async () => {
    const client = createNetSuiteClient({
      accountId: ACCOUNT_ID,
      auth: { scheme: 'tba', credentials: TBA },
      baseUrl: proxy.url,
      clock: clock.now,
      sleep: () => Promise.resolve(),
      random: () => 0.5,
    });
    const worker = new OutboxWorker({
      storage: database.storage,
      publisher: new NetSuiteAdjustmentPublisher({
        storage: database.storage,
        posters: netsuitePosters(client),
        settings: SETTINGS,
        clock: clock.now,
        logger: silentLogger(),
        channelMode: () => 'publish',
      }),
      metrics: new Metrics(),
      logger: silentLogger(),
      clock: clock.now,
      batchSize: 10,
      claimTtlSeconds: 30,
      backoffBaseMs: 1000,
      maxAttempts: 100,
    });
    for (let id = 1; id <= CORRECTIONS; id += 1) {
      await enqueueCountCorrectionPost(
        database.storage,
        {
          id: String(id),
          locationHandle: 'downtown',
          countedAt: '2025-03-01T03:30:00.000Z',
          lines: [
            { itemId: 'A', delta: -3 },
            { itemId: 'B', delta: 2 },
          ],
        },
        { settings: SETTINGS, clock: clock.now },
      );
    }

    // Each outage lasts three rounds of the worker, a minute of its clock apart.
    const round = async () => {
      clock.advance(60_000);
      await worker.runOnce().catch(() => 0);
    };
    for (const fault of PHASES) {
      proxy.set(fault);
      for (let i = 0; i < 3; i += 1) await round();
    }
    proxy.set({ kind: 'pass' });
    for (let i = 0; i < 30; i += 1) await round();

    const booked = sandbox.store.adjustments();
    const externalIds = booked.map((b) => b.externalId);
    const posts = await erpDb(database.storage).selectFrom('erp_posts').selectAll().execute();
    recordCampaignFigures({
      ...NO_FIGURES,
      scenario: `outside failures: NetSuite (${testEngine})`,
      faultsInjected: proxy.faulted,
      duplicated: booked.length - new Set(externalIds).size,
      mismatchedLevels:
        Number(sandbox.store.itemLocation('42', '7')?.onHand !== 100 - 3 * CORRECTIONS) +
        Number(sandbox.store.itemLocation('43', '7')?.onHand !== 2 * CORRECTIONS),
      notes: [
        `${PHASES.length} outages (503, 429, drops, answers lost after booking), ` +
          `${proxy.faulted} calls failed; ${booked.length} of ${CORRECTIONS} corrections booked`,
      ],
    });

    expect(proxy.faulted).toBeGreaterThan(0);
    expect(posts.map((p) => p.status)).toEqual(Array(CORRECTIONS).fill('posted'));
    expect(booked).toHaveLength(CORRECTIONS);
    expect(new Set(externalIds).size).toBe(CORRECTIONS);
    // 100 − 3 × 4 and 0 + 2 × 4: each correction moved the stock once.
    expect(sandbox.store.itemLocation('42', '7')?.onHand).toBe(88);
    expect(sandbox.store.itemLocation('43', '7')?.onHand).toBe(8);
  });
});
