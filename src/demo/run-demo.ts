import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { pino } from 'pino';
import { startTrueshelf } from '../app/start-trueshelf.js';
import type { RunningTrueshelf } from '../app/start-trueshelf.js';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../shared/logger.js';
import { startGoogleSandbox } from '../sandbox/google/start-google-sandbox.js';
import { startShopifySandbox } from '../sandbox/shopify/shopify-sandbox.js';
import { importCatalogue } from '../sources/shopify/import-catalogue.js';
import type { DemoCatalogue } from './demo-catalogue.js';
import { catalogueFromFile, syntheticCatalogue } from './demo-catalogue.js';
import { driveSales } from './sales-driver.js';
import { startScheduledSyncDemo } from './scheduled-sync-demo.js';
import { seedSandboxChain } from './seed-sandbox-chain.js';
import { signalLatencyText } from './signal-latency-text.js';
import type { HistogramBucket } from './signal-latency-text.js';

/** Shopify Plus's restore rate, and the bucket older tables give it (research/shopify.md). */
const DEMO_POINTS_PER_SECOND = 1000;
const DEMO_POINTS_BUCKET = 2000;

export interface DemoOptions {
  salesFile?: string;
  idle: boolean;
  stores: number;
  items: number;
  days: number;
  daySeconds: number;
  seed: number;
  bufferUnits: number;
  env: Record<string, string | undefined>;
  print: (line: string) => void;
  signal: AbortSignal;
}

const DEMO_DATABASE = './var/demo.db';
const DEMO_LOG = './var/demo.log';

/**
 * `trueshelf demo`: the sandbox shop with a chain and a catalogue, trueshelf on SQLite in
 * publish mode, the sandbox's webhooks pointed at trueshelf and trueshelf's moves going back.
 */
export async function runDemo(
  options: DemoOptions,
): Promise<{ running: RunningTrueshelf; close: () => Promise<void>; done: Promise<void> }> {
  const { print } = options;
  const catalogue = await loadCatalogue(options);
  print(
    `catalogue: ${catalogue.stores.length} stores, ${catalogue.items.length} items, ${catalogue.days.length} days of sales${options.salesFile ? ` from ${options.salesFile}` : ' (synthetic)'}`,
  );

  const webhookSecret =
    options.env['TRUESHELF_SHOPIFY_WEBHOOK_SECRET'] ?? randomBytes(16).toString('hex');
  const accessToken = `shpat_${randomBytes(16).toString('hex')}`;
  // A simulated day lasts 20 s by default, about 70 times real time, and the demand on the
  // Admin API grows with it: the demo shop is on Shopify Plus's rate (1,000 points/s), where a
  // Standard shop's 100 points/s would leave re-reads queued behind the throttle. At real
  // pace the same chain spends a few points per second.
  const sandbox = await startShopifySandbox({
    shop: 'trueshelf-demo.myshopify.com',
    accessToken,
    webhookSecret,
    apiVersion: '2026-04',
    seed: options.seed,
    restoreRatePerSecond: DEMO_POINTS_PER_SECOND,
    bucketSize: DEMO_POINTS_BUCKET,
  });
  const chain = seedSandboxChain(sandbox.store, catalogue, options.bufferUnits);
  print(`sandbox Shopify on ${sandbox.url} (control endpoints under ${sandbox.url}/_sandbox/)`);

  // NetSuite with the shop's usual connector: orders imported late, stock pushed on a schedule.
  const erp = await startScheduledSyncDemo({
    catalogue,
    chain,
    shop: sandbox.store,
    daySeconds: options.daySeconds,
  });
  print(
    `sandbox NetSuite on ${erp.sandbox.url} (a connector imports orders late, pushes stock hourly)`,
  );

  // Google's Merchant API, faked on loopback: one product per SKU, targeting local surfaces.
  const merchantAccountId = '1234567';
  const google = await startGoogleSandbox({
    accessToken: `ya29.demo-${randomBytes(8).toString('hex')}`,
  });
  for (const item of catalogue.items) {
    google.store.addProduct(merchantAccountId, {
      contentLanguage: 'en',
      feedLabel: 'US',
      offerId: item.sku,
      destinations: ['LOCAL_INVENTORY_ADS', 'FREE_LOCAL_LISTINGS'],
    });
  }
  print(`sandbox Google Merchant API on ${google.url}`);

  const databaseUrl = options.env['TRUESHELF_DATABASE_URL'] ?? `sqlite:${DEMO_DATABASE}`;
  if (!options.env['TRUESHELF_DATABASE_URL'])
    for (const suffix of ['', '-wal', '-shm']) rmSync(DEMO_DATABASE + suffix, { force: true });

  const apiToken =
    options.env['TRUESHELF_API_TOKEN'] ?? `ts_admin_${randomBytes(12).toString('hex')}`;
  const readToken = `ts_read_${randomBytes(12).toString('hex')}`;
  const config = loadConfig({
    env: options.env,
    flags: {
      databaseUrl,
      apiToken,
      tokens: [{ name: 'demo-read', token: readToken, scopes: ['read'] }],
      'shopify.shop': 'trueshelf-demo.myshopify.com',
      'shopify.adminUrl': sandbox.url,
      'shopify.accessToken': accessToken,
      'shopify.webhookSecret': webhookSecret,
      'shopify.mode': 'publish',
      'shopify.pointsPerSecond': DEMO_POINTS_PER_SECOND,
      'google.mode': 'publish',
      'google.merchantAccountId': merchantAccountId,
      'google.endpoint': google.url,
      'google.accessToken': google.accessToken,
      'google.quantityDebounceSeconds': 5,
      ...erp.settings,
      locations: erp.locations,
    },
  });

  // The terminal gets plain lines; the structured log goes to a file beside the database.
  mkdirSync('./var', { recursive: true });
  const logger = createLogger({
    level: config.logLevel,
    destination: pino.destination({ dest: DEMO_LOG, sync: false }),
  });
  const running = await startTrueshelf(config, { logger });
  sandbox.webhooks.setTarget(`${running.url}/webhooks/shopify`);

  const imported = await importCatalogue(running.context.storage, running.shopify, {
    clock: running.context.clock,
    modes: { shopify: 'publish', google: 'publish', googleSettings: running.context.config.google },
  });
  running.context.wakeOutbox();
  print(
    `trueshelf on ${running.url}: mirrored ${imported.levels} levels at ${imported.locations} locations, buffer ${options.bufferUnits} per managed store item`,
  );
  print(`  API      ${running.url}/v1/availability   (Authorization: Bearer ${readToken})`);
  print(
    `  admin    token ${options.env['TRUESHELF_API_TOKEN'] ? '(from TRUESHELF_API_TOKEN)' : apiToken}`,
  );
  print(
    `  metrics  ${running.url}/metrics   health ${running.url}/healthz   OpenAPI ${running.url}/openapi.json`,
  );
  print(`  database ${databaseUrl}   log ${DEMO_LOG}`);
  print(
    `  NetSuite ${running.url}/v1/reports/netsuite-reconciliation   scheduled sync ./var/scheduled-sync.html`,
  );
  await erp.writeView(running.context.storage, './var');
  erp.startSampling(running.context.storage, './var');
  print('ready');

  const done = options.idle
    ? Promise.resolve()
    : driveSales({
        store: sandbox.store,
        catalogue,
        chain,
        seed: options.seed,
        dayMs: options.daySeconds * 1000,
        onlineShare: 0.15,
        signal: options.signal,
        onEvent: erp.onEvent,
        onDay: (day) => {
          const peak = erp.takePeak();
          void describeDay(running).then((flow) => {
            print(
              `${day.day}: ${day.posSales} POS sales (${day.posBelowZero} below zero), ${day.onlineOrders} pickup orders, ${day.refusedOnline} refused at checkout, ${day.restocked} units restocked; ${flow}`,
            );
            print(
              `  scheduled sync, worst of ${peak.samples} hourly samples: ${peak.levelsStale} levels stale (${peak.staleUnits} units), ${peak.overPromisedUnits} units promised beyond trueshelf's sellable`,
            );
          });
        },
      }).then(() => {
        if (!options.signal.aborted)
          print('sales played to the end; still serving (Ctrl-C to stop)');
      });

  return {
    running,
    done,
    close: async () => {
      await running.close();
      await sandbox.close();
      await google.close();
      await erp.close();
    },
  };
}

async function loadCatalogue(options: DemoOptions): Promise<DemoCatalogue> {
  const limits = { stores: options.stores, items: options.items, days: options.days };
  return options.salesFile
    ? catalogueFromFile(options.salesFile, limits)
    : syntheticCatalogue({ ...limits, seed: options.seed });
}

/** One plain line of what trueshelf did: deliveries, moves, and signal-to-Shopify latency. */
async function describeDay(running: RunningTrueshelf): Promise<string> {
  const metrics = await running.context.metrics.registry.getMetricsAsJSON();
  const find = (name: string) =>
    metrics.find((m) => m.name === name) as { values: HistogramBucket[] } | undefined;
  const deliveries = (find('trueshelf_deliveries_total')?.values ?? [])
    .filter((v) => v.labels['outcome'] === 'stored')
    .reduce((a, v) => a + v.value, 0);
  const pushes = find('trueshelf_pushes_total')?.values ?? [];
  const applied = (channel: string) =>
    pushes
      .filter((v) => v.labels['outcome'] === 'applied' && v.labels['channel'] === channel)
      .reduce((a, v) => a + v.value, 0);
  const buckets: HistogramBucket[] = (
    find('trueshelf_signal_to_channel_seconds')?.values ?? []
  ).filter((v) => v.metricName?.endsWith('_bucket') && v.labels['channel'] === 'shopify');
  return `trueshelf so far: ${deliveries} deliveries, ${applied('shopify')} moves accepted by Shopify (${signalLatencyText(buckets)}), ${applied('google')} Google inserts`;
}
