import type { Command } from 'commander';
import { Metrics } from '../engine/metrics/metrics.js';
import { syncRegistry } from '../engine/registry/sync-registry.js';
import { systemClock } from '../shared/clock.js';
import { createLogger } from '../shared/logger.js';
import { createShopifyClient } from '../sources/shopify/create-shopify-client.js';
import { importCatalogue } from '../sources/shopify/import-catalogue.js';
import { openStorage } from '../storage/open-storage.js';
import { configFromCli } from './config-from-cli.js';

export function registerSyncCommand(program: Command): void {
  const sync = program.command('sync').description('copy state from a source into the mirror');
  sync
    .command('shopify')
    .description('import locations, items and every quantity state of every level (paged queries)')
    .action(async (_options: unknown, command: Command) => {
      const config = configFromCli(command);
      const logger = createLogger({ level: config.logLevel });
      const storage = await openStorage(config.databaseUrl, config.postgres);
      try {
        await syncRegistry(storage, config.locations, systemClock());
        const client = createShopifyClient(config, {
          metrics: new Metrics(),
          logger,
          clock: systemClock,
        });
        const result = await importCatalogue(storage, client, {
          clock: systemClock,
          modes: {
            shopify: config.shopify.mode,
            google: config.google.mode,
            googleSettings: config.google,
          },
          onProgress: (p) =>
            process.stdout.write(
              `\rimported ${p.locations} locations, ${p.items} items, ${p.levels} levels`,
            ),
        });
        process.stdout.write(
          `\ndone: ${result.locations} locations, ${result.items} items, ${result.levels} levels\n`,
        );
      } finally {
        await storage.close();
      }
    });
}
