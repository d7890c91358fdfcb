import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { systemClock } from '../shared/clock.js';
import type { TrueshelfConfig } from '../config/config-schema.js';
import type { Storage } from '../storage/storage.js';
import { configFromCli } from './config-from-cli.js';

type Json = { json?: boolean };

export function registerCheckCommand(program: Command): void {
  const check = program
    .command('check')
    .description('onboarding checks: subscriptions, preflight, connector, shadow');

  check
    .command('subscriptions')
    .description(
      'compare the deployed webhook topics with what trueshelf needs, and time since each last delivery',
    )
    .option('--toml <file>', 'the deployed shopify.app.toml', 'shopify.app.toml')
    .option('--json', 'print the report as JSON')
    .action(async (flags: Json & { toml: string }, command: Command) => {
      const { deployedTopics, parseAppToml } =
        await import('../engine/onboarding/parse-app-toml.js');
      const { checkSubscriptions } = await import('../engine/onboarding/check-subscriptions.js');
      const { createShopifyClient } = await import('../sources/shopify/create-shopify-client.js');
      const { Metrics } = await import('../engine/metrics/metrics.js');
      const { createLogger } = await import('../shared/logger.js');

      const config = await configFromCli(command);
      const topics = deployedTopics(parseAppToml(readFileSync(flags.toml, 'utf8')));
      await withStorage(command, async (storage) => {
        const client = createShopifyClient(config, {
          metrics: new Metrics(),
          logger: createLogger({ level: config.logLevel }),
          clock: systemClock,
        });
        const report = await checkSubscriptions(storage, {
          clock: systemClock,
          deployedTopics: topics,
          client,
        });
        if (flags.json) return print(report);
        for (const t of report.topics) {
          const since =
            t.secondsSinceLast === null ? 'never' : `${Math.round(t.secondsSinceLast)} s ago`;
          const usual =
            t.medianGapSeconds === null
              ? ''
              : `, usually every ${Math.round(t.medianGapSeconds)} s`;
          process.stdout.write(`${t.status.padEnd(16)} ${t.topic}: last ${since}${usual}\n`);
        }
        if (report.extraTopics.length > 0)
          process.stdout.write(`deployed but not read: ${report.extraTopics.join(', ')}\n`);
        const api = report.apiSubscriptions;
        process.stdout.write(
          api.available
            ? `API-created subscriptions (deleted by Shopify after repeated failures): ${api.subscriptions.map((s) => s.topic).join(', ') || 'none'}\n`
            : `API-created subscriptions: ${api.note ?? 'unknown'}\n`,
        );
        if (!report.healthy) process.exitCode = 1;
      });
    });

  check
    .command('preflight')
    .description(
      'warn where a buffer or hold would not protect what the retailer expects (run after sync shopify)',
    )
    .option('--json', 'print the warnings as JSON')
    .action(async (flags: Json, command: Command) => {
      const { preflightShop } = await import('../engine/onboarding/preflight-shop.js');

      await withStorage(command, async (storage) => {
        const warnings = await preflightShop(storage);
        if (flags.json) return print(warnings);
        for (const w of warnings)
          process.stdout.write(
            `${w.code}: ${w.message}${w.sample.length ? ` (e.g. ${w.sample.join(', ')})` : ''}\n`,
          );
        if (warnings.length === 0) process.stdout.write('no warnings\n');
      });
    });

  check
    .command('connector')
    .description('look for an ERP connector still overwriting stock on a schedule at a location')
    .requiredOption('--location <handle>', 'the location')
    .option('--json', 'print the finding as JSON')
    .action(async (flags: Json & { location: string }, command: Command) => {
      const { detectScheduledOverwrites } =
        await import('../engine/onboarding/detect-scheduled-overwrites.js');

      await withStorage(command, async (storage) => {
        const finding = await detectScheduledOverwrites(storage, flags.location, {
          now: systemClock(),
        });
        if (flags.json) return print(finding);
        process.stdout.write(
          finding.suspected
            ? `${finding.message}\n`
            : `${flags.location}: no scheduled overwrites found\n`,
        );
        if (finding.suspected) process.exitCode = 1;
      });
    });

  check
    .command('shadow')
    .description('what publishing would change per store: units buffered, promises refused')
    .option('--json', 'print the report as JSON')
    .action(async (flags: Json, command: Command) => {
      const { shadowReport } = await import('../engine/onboarding/shadow-report.js');

      const { applyLocationSettings } =
        await import('../engine/registry/apply-location-settings.js');

      await withStorage(command, async (storage, config) => {
        // The config's settings first: a buffer or store changed since serve last ran shows.
        await applyLocationSettings(storage, config, systemClock());
        const report = await shadowReport(storage);
        if (flags.json) return print(report);
        for (const r of report) {
          process.stdout.write(
            `${r.handle} (${r.mode}): ${r.unitsToBuffer} units to buffer, ${r.unitsToReserve} to reserve over ${r.levelsThatWouldMove} levels; ` +
              `${r.placedSafetyStock + r.placedReserved} held back now; ${r.refusedPromises} promises refused (${r.refusedUnits} units)\n`,
          );
        }
      });
    });
}

async function withStorage(
  command: Command,
  run: (storage: Storage, config: TrueshelfConfig) => Promise<void>,
): Promise<void> {
  const config = await configFromCli(command);
  const { openStorage } = await import('../storage/open-storage.js');

  const storage = await openStorage(config.databaseUrl);
  try {
    await run(storage, config);
  } finally {
    await storage.close();
  }
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
