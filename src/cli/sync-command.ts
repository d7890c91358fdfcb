import type { Command } from 'commander';
import type { SyncMethod, SyncProgress } from '../engine/onboarding/sync-shop.js';
import { systemClock } from '../shared/clock.js';
import { TrueshelfError } from '../shared/error-catalogue.js';
import { configFromCli } from './config-from-cli.js';
import { ProgressLine } from './progress-line.js';

interface SyncFlags {
  method: string;
  bulkThreshold: string;
}

export function registerSyncCommand(program: Command): void {
  const sync = program.command('sync').description('copy state from a source into the mirror');
  sync
    .command('shopify')
    .description(
      'import locations, items and every quantity state of every level (a bulk export, or paged queries for a small shop); a re-run records confirmed differences as drift',
    )
    .option('--method <method>', 'auto, bulk or paged', 'auto')
    .option(
      '--bulk-threshold <variants>',
      'auto: use a bulk export above this many variants',
      '500',
    )
    .action(async (flags: SyncFlags, command: Command) => {
      const method = parseMethod(flags.method);
      const { syncShop } = await import('../engine/onboarding/sync-shop.js');
      const { channelModesOf } = await import('../engine/decision/channel-modes-of.js');
      const { applyLocationSettings } =
        await import('../engine/registry/apply-location-settings.js');
      const { createShopifyClient } = await import('../sources/shopify/create-shopify-client.js');
      const { openStorage } = await import('../storage/open-storage.js');
      const { Metrics } = await import('../engine/metrics/metrics.js');
      const { createLogger } = await import('../shared/logger.js');

      const config = await configFromCli(command);
      const logger = createLogger({ level: config.logLevel });
      const storage = await openStorage(config.databaseUrl);
      const progress = new ProgressLine(process.stdout);
      try {
        await applyLocationSettings(storage, config, systemClock());
        const client = createShopifyClient(config, {
          metrics: new Metrics(),
          logger,
          clock: systemClock,
        });
        const report = await syncShop(storage, client, {
          clock: systemClock,
          modes: channelModesOf(config),
          method,
          bulkThreshold: Number(flags.bulkThreshold),
          levelsPerQuery: config.shopify.levelsPerQuery,
          onProgress: (p) => progress.update(progressLine(p)),
        });
        progress.end();

        process.stdout.write(
          `done (${report.method}): ${report.locations} locations, ${report.items} items, ${report.levels} levels; ` +
            `${report.imported} new, ${report.unchanged} unchanged, ${report.drift} drift (missed signals), ` +
            `${report.settled + report.exportLagged + report.inFlight} differences not confirmed\n`,
        );
        for (const gap of report.missingRegistry) {
          process.stdout.write(
            `  ${gap.handle} (Shopify ${gap.shopifyLocationId}): set ${gap.missing.map((column) => CONFIG_KEYS[column]).join(' and ')} in the config, under locations: with handle: ${gap.handle} and shopifyLocationId: "${gap.shopifyLocationId}"\n`,
          );
        }
      } finally {
        progress.end();
        await storage.close();
      }
    });
}

function parseMethod(value: string): SyncMethod | 'auto' {
  if (value === 'auto' || value === 'bulk' || value === 'paged') return value;
  throw new TrueshelfError(
    'invalid_request',
    `--method must be auto, bulk or paged, not "${value}"`,
    { value },
  );
}

function progressLine(p: SyncProgress): string {
  if (p.phase === 'locations') return 'reading locations…';
  if (p.phase === 'exporting') return `exporting inventory (${p.method ?? ''})…`;
  return `${p.items} items, ${p.levels} levels compared, ${p.drift} drift`;
}

/** The config key that fills each registry column the sync found empty. */
const CONFIG_KEYS = { time_zone: 'timeZone', google_store_code: 'googleStoreCode' } as const;
