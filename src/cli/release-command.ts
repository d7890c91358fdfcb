import type { Command } from 'commander';
import type { LocationRelease } from '../engine/onboarding/release-location.js';
import { systemClock } from '../shared/clock.js';
import { TrueshelfError } from '../shared/error-catalogue.js';
import { configFromCli } from './config-from-cli.js';

export function registerReleaseCommand(program: Command): void {
  program
    .command('release')
    .description(
      'return every unit trueshelf placed in safety_stock or reserved to available, and switch the location to shadow',
    )
    .option('--location <handle>', 'one location')
    .option('--all', 'every location')
    .action(async (flags: { location?: string; all?: boolean }, command: Command) => {
      if (!flags.location === !flags.all) {
        throw new TrueshelfError('invalid_request', 'name one of --location HANDLE or --all', {});
      }
      const { releaseAll, releaseLocation } =
        await import('../engine/onboarding/release-location.js');
      const { createShopifyClient } = await import('../sources/shopify/create-shopify-client.js');
      const { openStorage } = await import('../storage/open-storage.js');
      const { Metrics } = await import('../engine/metrics/metrics.js');
      const { createLogger } = await import('../shared/logger.js');

      const config = await configFromCli(command);
      const logger = createLogger({ level: config.logLevel });
      const storage = await openStorage(config.databaseUrl);
      try {
        const client = createShopifyClient(config, {
          metrics: new Metrics(),
          logger,
          clock: systemClock,
        });
        const releases: LocationRelease[] = flags.location
          ? [await releaseLocation(storage, client, flags.location, { clock: systemClock })]
          : await releaseAll(storage, client, { clock: systemClock });

        for (const r of releases) {
          process.stdout.write(
            `${r.handle}: returned ${r.returned.safety_stock} buffer and ${r.returned.reserved} held units to available` +
              `${r.writtenOff > 0 ? `; ${r.writtenOff} units were already gone from Shopify` : ''}; now in shadow\n`,
          );
          for (const f of r.failed)
            process.stdout.write(`  not released: ${f.itemId}: ${f.reason}\n`);
        }
        process.stdout.write(
          "The config's mode wins at the next start: set mode: shadow for these locations in the config too.\n",
        );
        if (releases.some((r) => r.failed.length > 0)) process.exitCode = 1;
      } finally {
        await storage.close();
      }
    });
}
