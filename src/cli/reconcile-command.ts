import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { systemClock } from '../shared/clock.js';
import { TrueshelfError } from '../shared/error-catalogue.js';
import { configFromCli } from './config-from-cli.js';

interface ReconcileFlags {
  format: string;
  out?: string;
  poll?: boolean;
}

export function registerReconcileCommand(program: Command): void {
  const reconcile = program.command('reconcile').description('compare the mirror with an ERP');
  reconcile
    .command('netsuite')
    .description(
      "compare Shopify's on hand with NetSuite's per item and location and classify each difference",
    )
    .option('--format <format>', 'json or csv (one row per difference)', 'json')
    .option('--out <file>', 'write the report here; the totals go to stdout')
    .option('--poll', "read NetSuite's on hand first (else what the last poll stored)")
    .action(async (flags: ReconcileFlags, command: Command) => {
      if (flags.format !== 'json' && flags.format !== 'csv') {
        throw new TrueshelfError(
          'invalid_request',
          `--format is "${flags.format}"; use json or csv`,
          {
            seen: flags.format,
            expected: 'json or csv',
          },
        );
      }
      const { reconcileFromConfig } = await import('./reconcile-from-config.js');
      const { applyLocationSettings } =
        await import('../engine/registry/apply-location-settings.js');
      const { openStorage } = await import('../storage/open-storage.js');
      const { createLogger } = await import('../shared/logger.js');

      const config = await configFromCli(command);
      const logger = createLogger({ level: config.logLevel });
      const storage = await openStorage(config.databaseUrl);
      try {
        await applyLocationSettings(storage, config, systemClock());
        const outcome = await reconcileFromConfig(config, storage, {
          format: flags.format,
          poll: flags.poll ?? false,
          clock: systemClock,
          logger,
        });

        // The report and the totals never share a stream, so either can be piped.
        const totals = outcome.summary.map((line) => `${line}\n`).join('');
        if (flags.out) {
          writeFileSync(flags.out, outcome.rendered);
          process.stdout.write(totals);
        } else {
          process.stdout.write(outcome.rendered);
          process.stderr.write(totals);
        }
      } finally {
        await storage.close();
      }
    });
}
