import type { TrueshelfConfig } from '../config/config-schema.js';
import { CountCorrectionForwarder } from '../engine/erp/count-correction-forwarder.js';
import { createNetSuiteFromConfig } from '../engine/erp/create-netsuite-from-config.js';
import type { ConfiguredNetSuite } from '../engine/erp/create-netsuite-from-config.js';
import { queuePendingErpPosts } from '../engine/erp/erp-post-store.js';
import { netsuitePosters } from '../engine/erp/erp-posters.js';
import { NetSuiteAdjustmentPublisher } from '../engine/erp/netsuite-adjustment-publisher.js';
import { DailyFullRead } from '../engine/erp/daily-full-read.js';
import { NetSuitePoller } from '../engine/erp/netsuite-poller.js';
import type { Metrics } from '../engine/metrics/metrics.js';
import { OutboxWorker } from '../engine/outbox/outbox-worker.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { Storage } from '../storage/storage.js';
import { WorkLoop } from './work-loop.js';

export interface NetSuiteWork {
  readonly netsuite: ConfiguredNetSuite;
  readonly loops: readonly WorkLoop[];
  /** Queues again what a shadow run kept; call once before the loops start. */
  prepare(): Promise<void>;
  /** After a parked post is replayed. */
  wakeOutbox(): void;
}

export interface NetSuiteWorkDeps {
  readonly storage: Storage;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly clock: Clock;
}

/** Pushes to NetSuite are few and each is a whole document: a slow, steady outbox round. */
const OUTBOX_IDLE_MS = 1000;
const MAX_POST_ATTEMPTS = 20;

/**
 * What `serve` runs for NetSuite when an account is configured (null otherwise): the poller
 * (on hand per item and location, each location from its own last-modified watermark), the
 * forwarder of the audit's count corrections, and the `netsuite` outbox channel that posts
 * them as inventory adjustments, each once by its externalId. Sales are posted only where
 * `netsuite.postSales` is on; the connector books them everywhere else.
 */
export function createNetSuiteWork(
  config: Readonly<TrueshelfConfig>,
  deps: NetSuiteWorkDeps,
): NetSuiteWork | null {
  const logger = deps.logger.child({ scope: 'netsuite' });
  const netsuite = createNetSuiteFromConfig(config, { clock: deps.clock, logger });
  if (!netsuite.configured) return null;
  const { storage, clock } = deps;

  const worker = new OutboxWorker({
    storage,
    publisher: new NetSuiteAdjustmentPublisher({
      storage,
      posters: netsuitePosters(netsuite.client),
      settings: netsuite.posting,
      clock,
      logger,
      channelMode: () => netsuite.mode,
    }),
    metrics: deps.metrics,
    logger,
    clock,
    batchSize: Math.min(config.outbox.batchSize, config.netsuite.maxConcurrentRequests),
    claimTtlSeconds: config.outbox.claimTtlSeconds,
    backoffBaseMs: config.outbox.backoffBaseMs,
    maxAttempts: MAX_POST_ATTEMPTS,
  });
  const outboxLoop = new WorkLoop(
    'netsuite-outbox',
    () => worker.runOnce(),
    OUTBOX_IDLE_MS,
    logger,
  );

  const poller = new NetSuitePoller({ storage, client: netsuite.client, clock, logger });
  const fullRead = DailyFullRead.at(config.netsuite.fullReadAtUtc, clock());
  const forwarder = new CountCorrectionForwarder({
    storage,
    settings: netsuite.posting,
    clock,
    logger,
  });
  // One round reads what changed and queues new corrections; it then idles the interval (it
  // answers 0 so the loop does not run again at once: NetSuite's figures move slowly).
  const pollLoop = new WorkLoop(
    'netsuite-poll',
    async () => {
      const queued = await forwarder.runOnce();
      if (queued > 0) outboxLoop.wake();
      // Incremental reads return changed rows only, so a row NetSuite deletes would keep its
      // last figure: once a day the round reads every row and drops the ones gone.
      await poller.runOnce({ full: fullRead.takeDue(clock()) });
      return 0;
    },
    config.netsuite.pollIntervalSeconds * 1000,
    logger,
  );

  return {
    netsuite,
    loops: [pollLoop, outboxLoop],
    wakeOutbox: () => outboxLoop.wake(),
    prepare: async () => {
      if (netsuite.mode !== 'publish') return;
      const queued = await queuePendingErpPosts(storage, clock());
      if (queued > 0) logger.info({ queued }, 'netsuite documents kept in shadow queued again');
    },
  };
}
