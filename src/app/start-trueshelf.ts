import type { AddressInfo } from 'node:net';
import { createGoogleChannel } from '../channels/google/create-google-channel.js';
import { ShopifyMovePublisher } from '../channels/shopify/shopify-move-publisher.js';
import type { TrueshelfConfig } from '../config/config-schema.js';
import { HoldSweeper } from '../engine/holds/hold-sweeper.js';
import { PickupLookupResolver } from '../engine/holds/pickup-lookup-resolver.js';
import { DeliveryBatcher } from '../engine/inbox/delivery-batcher.js';
import { DeliveryProcessor } from '../engine/inbox/delivery-processor.js';
import { createBufferWork } from '../engine/buffers/buffer-work.js';
import {
  countDueAttributions,
  createAttributionLoop,
} from '../engine/attribution/attribution-work.js';
import { Metrics } from '../engine/metrics/metrics.js';
import { MirrorWorker } from '../engine/mirror/mirror-worker.js';
import { OnboardingRuntime } from '../engine/onboarding/onboarding-runtime.js';
import { OutboxWorker } from '../engine/outbox/outbox-worker.js';
import { queueWaitingMoves } from '../engine/onboarding/queue-waiting-moves.js';
import { applyLocationSettings } from '../engine/registry/apply-location-settings.js';
import { channelModesOf } from '../engine/decision/channel-modes-of.js';
import { buildServer } from '../http/build-server.js';
import type { Clock } from '../shared/clock.js';
import { systemClock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { createLogger } from '../shared/logger.js';
import { createShopifyClient } from '../sources/shopify/create-shopify-client.js';
import type { ShopifyAdminClient } from '../sources/shopify/shopify-admin-client.js';
import { openStorage } from '../storage/open-storage.js';
import type { Storage } from '../storage/storage.js';
import type { AppContext } from './app-context.js';
import { createNetSuiteWork } from './netsuite-work.js';
import { WorkLoop } from './work-loop.js';

export interface RunningTrueshelf {
  url: string;
  port: number;
  context: AppContext;
  shopify: ShopifyAdminClient;
  /** Resolves when every stored delivery, queued read and due push has been handled. */
  drain(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
  storage?: Storage;
  /** Start the HTTP server (default) or only the workers. */
  http?: boolean;
  /** Start the workers (default); off gives an ingest-only instance that stores deliveries. */
  workers?: boolean;
}

/** Opens storage, writes the registry, starts the workers and the HTTP server. */
export async function startTrueshelf(
  config: Readonly<TrueshelfConfig>,
  options: StartOptions = {},
): Promise<RunningTrueshelf> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const storage = options.storage ?? (await openStorage(config.databaseUrl, config.postgres));
  const metrics = new Metrics();

  // The config's locations; levels whose settings it changed are decided again at once.
  await applyLocationSettings(storage, config, clock());

  const shopify = createShopifyClient(config, { metrics, logger, clock });
  const google = config.google;
  const modes = channelModesOf(config);

  const loops: WorkLoop[] = [];
  const outboxWorker = new OutboxWorker({
    storage,
    publisher: new ShopifyMovePublisher({
      storage,
      client: shopify,
      metrics,
      logger,
      clock,
      channelMode: () => config.shopify.mode,
    }),
    metrics,
    logger: logger.child({ scope: 'outbox' }),
    clock,
    batchSize: config.outbox.batchSize,
    claimTtlSeconds: config.outbox.claimTtlSeconds,
    backoffBaseMs: config.outbox.backoffBaseMs,
    maxAttempts: config.shopify.maxPushAttempts,
  });
  const outboxLoop = new WorkLoop(
    'outbox',
    () => outboxWorker.runOnce(),
    config.outbox.pollIntervalMs,
    logger,
  );

  // Google gets its own worker and loop: its rate budget and debounce must not slow Shopify.
  const googleChannel =
    google.mode === 'publish' && google.deliveryPath === 'api'
      ? await createGoogleChannel(google, {
          storage,
          metrics,
          logger: logger.child({ scope: 'google' }),
          clock,
        })
      : null;
  const googleWorker = googleChannel
    ? new OutboxWorker({
        storage,
        publisher: googleChannel.publisher,
        metrics,
        logger: logger.child({ scope: 'google' }),
        clock,
        batchSize: config.outbox.batchSize,
        claimTtlSeconds: config.outbox.claimTtlSeconds,
        backoffBaseMs: config.outbox.backoffBaseMs,
        maxAttempts: google.maxPushAttempts,
      })
    : null;
  const googleLoop = googleWorker
    ? new WorkLoop(
        'google',
        () => googleWorker.runOnce(),
        Math.max(config.outbox.pollIntervalMs, 250),
        logger,
      )
    : null;

  const mirror = new MirrorWorker({
    storage,
    client: shopify,
    metrics,
    logger: logger.child({ scope: 'mirror' }),
    clock,
    levelsPerQuery: config.shopify.levelsPerQuery,
    modes,
    onDecisions: () => {
      outboxLoop.wake();
      googleLoop?.wake();
    },
  });
  const mirrorLoop = new WorkLoop(
    'mirror',
    () => mirror.runOnce(),
    Math.max(5, config.shopify.coalesceWindowMs),
    logger,
  );

  const processor = new DeliveryProcessor({
    storage,
    metrics,
    logger: logger.child({ scope: 'inbox' }),
    clock,
    coalesceWindowMs: config.shopify.coalesceWindowMs,
    onReadsQueued: () => mirrorLoop.wake(),
  });
  const inboxLoop = new WorkLoop(
    'inbox',
    () => processor.processBatch(),
    config.inbox.pollIntervalMs,
    logger,
  );
  // Expired holds stop counting at read time; the sweeper releases them durably (and in Shopify).
  const sweeper = new HoldSweeper({
    storage,
    clock,
    logger: logger.child({ scope: 'holds' }),
    modes,
  });
  const sweepLoop = new WorkLoop(
    'holds',
    async () => {
      const released = await sweeper.runOnce();
      if (released > 0) outboxLoop.wake();
      return released;
    },
    config.holds.sweepIntervalMs,
    logger,
  );
  const pickups = new PickupLookupResolver({
    storage,
    client: shopify,
    clock,
    logger: logger.child({ scope: 'pickups' }),
  });
  const pickupLoop = new WorkLoop('pickups', () => pickups.runOnce(), 1000, logger);
  loops.push(inboxLoop, mirrorLoop, outboxLoop, sweepLoop, pickupLoop);
  if (googleLoop) loops.push(googleLoop);
  // Buffers from velocity: recomputed on a schedule and when velocity moves (with hysteresis).
  const bufferWork = createBufferWork(config, {
    storage,
    clock,
    logger,
    modes,
    onDecisions: () => {
      outboxLoop.wake();
      googleLoop?.wake();
    },
  });
  loops.push(bufferWork.loop);
  // NetSuite, when an account is configured: the poller and the `netsuite` outbox channel.
  const netsuiteWork = createNetSuiteWork(config, { storage, metrics, logger, clock });
  if (netsuiteWork) loops.push(...netsuiteWork.loops);
  // Attribution: classify orders, record each party's credit, tag them in Shopify.
  loops.push(createAttributionLoop(config, { storage, shopify, clock, logger }));

  const onboarding = new OnboardingRuntime({
    storage,
    client: shopify,
    metrics,
    logger: logger.child({ scope: 'onboarding' }),
    clock,
    modes,
    nightlyRereadAtUtc: config.shopify.nightlyRereadAtUtc,
    appTomlPath: config.shopify.appTomlPath,
  });
  if (options.workers !== false) {
    await onboarding.refuseOverwrittenStores();
    // A store switched from shadow to publish in the config: its waiting moves go out now.
    const queued = await queueWaitingMoves(storage, modes, clock().toISOString());
    if (queued > 0) logger.info({ levels: queued }, 'decided levels whose moves waited on shadow');
  }

  const batcher = new DeliveryBatcher(storage);
  const context: AppContext = {
    config,
    storage,
    recordDelivery: (delivery, receivedAt) => batcher.record(delivery, receivedAt),
    subscriptions: () => onboarding.subscriptions(),
    metrics,
    logger,
    clock,
    shopify,
    ...(netsuiteWork ? { netsuite: netsuiteWork.netsuite } : {}),
    wakeInbox: () => inboxLoop.wake(),
    wakeBuffers: () => bufferWork.wake(),
    wakeOutbox: () => {
      outboxLoop.wake();
      googleLoop?.wake();
      netsuiteWork?.wakeOutbox();
    },
  };

  await bufferWork.prepare();
  if (options.workers !== false) {
    await netsuiteWork?.prepare();
    for (const loop of loops) loop.start();
    onboarding.start();
  }

  let url = '';
  let port = 0;
  const server = options.http === false ? null : await buildServer(context);
  if (server) {
    await server.listen({ port: config.port, host: config.host });
    port = (server.server.address() as AddressInfo).port;
    url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  }

  return {
    url,
    port,
    context,
    shopify,
    drain: (timeoutMs = 15_000) => drainWork(storage, clock, timeoutMs),
    close: async () => {
      await server?.close();
      await onboarding.stop();
      for (const loop of loops) await loop.stop();
      await googleChannel?.close();
      if (!options.storage) await storage.close();
    },
  };
}

/** Waits until nothing is pending anywhere on the path (tests and the demo's driver use it). */
export async function drainWork(storage: Storage, clock: Clock, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [deliveries, reads, pushes] = await Promise.all([
      storage.db
        .selectFrom('deliveries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow(),
      storage.db
        .selectFrom('read_queue')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      storage.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) =>
          eb.or([
            eb('status', '=', 'claimed'),
            eb.and([
              eb('status', '=', 'pending'),
              eb('next_attempt_at', '<=', clock().toISOString()),
            ]),
          ]),
        )
        .executeTakeFirstOrThrow(),
    ]);
    const attributions = await countDueAttributions(storage, clock());
    if (Number(deliveries.n) + Number(reads.n) + Number(pushes.n) + attributions === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`work did not drain within ${timeoutMs} ms`);
}
