import { createReadStream } from 'node:fs';
import type { Command } from 'commander';
import type { TrueshelfConfig } from '../config/config-schema.js';
import type { BufferRulesFile } from '../domain/buffers/index.js';
import { systemClock } from '../shared/clock.js';
import { TrueshelfError } from '../shared/error-catalogue.js';
import type { Storage } from '../storage/storage.js';
import { configFromCli } from './config-from-cli.js';
import { ProgressLine } from './progress-line.js';

export function registerBuffersCommand(program: Command): void {
  const buffers = program
    .command('buffers')
    .description('velocity-based safety buffers: import past sales, preview rules');

  buffers
    .command('import-sales')
    .description(
      'import past sales from a CSV (location, sku, quantity, and date or occurred_at; negative quantity = refund)',
    )
    .argument('<file>', 'the CSV file')
    .option('--keep-good-rows', 'import the good rows of a file that has bad ones')
    .action(async (file: string, options: { keepGoodRows?: boolean }, command: Command) => {
      const { importSales } = await import('../engine/velocity/import-sales.js');

      await withStorage(command, async (storage) => {
        const progress = new ProgressLine(process.stderr);
        const result = await importSales(storage, createReadStream(file), {
          now: systemClock(),
          keepGoodRows: options.keepGoodRows === true,
          onProgress: (lines) => progress.update(`read ${lines} lines`),
        });
        progress.end();
        for (const error of result.errors)
          process.stdout.write(`${error.message} [${error.reason}]\n`);
        if (!result.ok) {
          process.stdout.write(
            result.reason === 'bad_header'
              ? `${file}: the header is not a sales CSV: nothing imported\n`
              : `${result.badLines} bad of ${result.lines - 1} rows: nothing imported (--keep-good-rows imports the rest)\n`,
          );
          process.exitCode = 1;
          return;
        }
        process.stdout.write(
          `imported ${result.imported} sales from ${result.lines - 1} rows` +
            `${result.alreadyRecorded > 0 ? ` (${result.alreadyRecorded} already recorded)` : ''}` +
            `${result.errors.length > 0 ? `, ${result.errors.length} bad rows left out` : ''}\n`,
        );
      });
    });

  buffers
    .command('preview')
    .description('before applying rules: units each store would hold back, per category')
    .requiredOption('--rules <file>', 'the buffer rules file (YAML or JSON) to preview')
    .option('--format <format>', 'table, json or csv', 'table')
    .option(
      '--sales <file>',
      'a sales file for the simulator: broken-promise and refused-with-stock rates, current vs proposed',
    )
    .option('--days <n>', 'with --sales: simulate the first N days of the file')
    .option('--seed <n>', 'with --sales: the simulation seed (the same seed for both rule sets)')
    .action(async (options: PreviewOptions, command: Command) => {
      if (!['table', 'json', 'csv'].includes(options.format)) {
        throw new TrueshelfError(
          'invalid_request',
          `--format ${options.format}: expected table, json or csv`,
          { format: options.format },
        );
      }
      const days = wholeNumber('--days', options.days, 1);
      const seed = wholeNumber('--seed', options.seed, 0);
      const { readBufferRulesFile } = await import('../engine/buffers/buffer-rules-store.js');
      const { previewBuffers } = await import('../engine/buffers/preview-buffers.js');
      const { simulateRuleOutlook } = await import('../engine/buffers/simulate-rule-outlook.js');
      const { renderBufferPreview } = await import('./render-buffer-preview.js');

      const { rules, document } = readBufferRulesFile(options.rules);
      await withStorage(command, async (storage, settings) => {
        const now = systemClock();
        const rows = await previewBuffers(storage.db, rules, settings, now);
        const outlook =
          options.sales === undefined
            ? null
            : await simulateRuleOutlook(
                options.sales,
                {
                  current: await currentRulesDocument(storage),
                  proposed: document as BufferRulesFile,
                },
                {
                  ...(days === undefined ? {} : { days }),
                  ...(seed === undefined ? {} : { seed }),
                },
              );
        const format = options.format as 'table' | 'json' | 'csv';
        process.stdout.write(
          renderBufferPreview(rows, format, { rulesFile: options.rules, now, outlook }),
        );
      });
    });
}

interface PreviewOptions {
  rules: string;
  format: string;
  sales?: string;
  days?: string;
  seed?: string;
}

function wholeNumber(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;

  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) {
    throw new TrueshelfError(
      'invalid_request',
      `${flag} ${value}: expected a whole number ≥ ${min}`,
      { flag, value },
    );
  }
  return parsed;
}

// The rules in force as written, else each location's bufferUnits as the decision reads them.
async function currentRulesDocument(storage: Storage): Promise<BufferRulesFile> {
  const { activeBufferRules } = await import('../engine/buffers/buffer-rules-store.js');
  const { locationFallbackRules } = await import('../engine/buffers/location-fallback-rules.js');

  const active = await activeBufferRules(storage.db);
  if (active) return active.document as BufferRulesFile;

  const locations = await storage.db
    .selectFrom('locations')
    .select(['handle', 'buffer_units'])
    .execute();
  return locationFallbackRules(locations).document;
}

async function withStorage(
  command: Command,
  work: (storage: Storage, settings: TrueshelfConfig['buffers']) => Promise<void>,
): Promise<void> {
  const config = await configFromCli(command);
  const { openStorage } = await import('../storage/open-storage.js');
  const { applyLocationSettings } = await import('../engine/registry/apply-location-settings.js');

  const storage = await openStorage(config.databaseUrl, config.postgres);
  try {
    await applyLocationSettings(storage, config, systemClock());
    await work(storage, config.buffers);
  } finally {
    await storage.close();
  }
}
