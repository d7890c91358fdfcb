import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { TrueshelfConfig } from '../config/config-schema.js';
import { systemClock } from '../shared/clock.js';
import { TrueshelfError } from '../shared/error-catalogue.js';
import type { Storage } from '../storage/storage.js';
import { configFromCli } from './config-from-cli.js';
import { ProgressLine } from './progress-line.js';

export function registerAuditCommand(program: Command): void {
  const audit = program
    .command('audit')
    .description('the inventory integrity audit: cycle counts against the system');

  audit
    .command('import')
    .description(
      'import a cycle-count CSV (location, sku or barcode, counted_quantity, counted_at[, counter, area])',
    )
    .argument('<file>', 'the CSV file')
    .option('--keep-good-rows', 'import the good rows of a file that has bad ones')
    .action(async (file: string, options: { keepGoodRows?: boolean }, command: Command) => {
      const { countFileFault, importCounts } = await import('../sources/counts/index.js');

      await withStorage(command, async (storage) => {
        const progress = new ProgressLine(process.stderr);
        const result = await importCounts(storage, createReadStream(file), {
          clock: systemClock,
          keepGoodRows: options.keepGoodRows === true,
          sourceName: file,
          onProgress: (linesRead: number) => progress.update(`read ${linesRead} lines`),
        });
        progress.end();
        if (!result.ok && result.reason !== 'rows_rejected') {
          const fault = countFileFault(result);
          throw new TrueshelfError(fault.code, `${file}: ${fault.message}`, fault.details);
        }
        for (const error of result.errors)
          process.stdout.write(`line ${error.line}: ${error.reason}: ${error.detail}\n`);
        if (!result.ok) {
          process.stdout.write(
            `${result.badLines} bad of ${result.lines} lines: nothing imported (--keep-good-rows imports the rest)\n`,
          );
          process.exitCode = 1;
          return;
        }
        const s = result.summary;
        process.stdout.write(
          `imported ${result.goodLines} lines as ${s.counts} counts (import ${result.importId}): system ${s.systemUnits}, counted ${s.countedUnits}, ghost units ${s.ghostUnits}, found ${s.foundUnits}\n`,
        );
        // Counted before the books begin for the level: no system figure to set them against.
        if (s.unreconciled > 0) {
          process.stdout.write(
            `${s.unreconciled} count(s) not reconciled: counted before trueshelf's books for the level begin, so they are left out of the figures above and of the audit report\n`,
          );
        }
      });
    });

  audit
    .command('report')
    .description(
      'drift % per store, category and chain, ghost units and their value, likely causes',
    )
    .option('--out <dir>', 'write report.html, drift.csv, items.csv and report.json there')
    .option('--threshold <percent>', 'flag stores above this drift %', '3')
    .action(async (options: { out?: string; threshold: string }, command: Command) => {
      const { buildAuditReport, renderAuditCsv, renderAuditHtml, renderAuditJson } =
        await import('../reports/audit/index.js');

      await withStorage(command, async (storage) => {
        const report = await buildAuditReport(storage, {
          thresholdPercent: Number(options.threshold),
          clock: systemClock,
        });
        for (const store of report.stores) {
          process.stdout.write(
            `${store.locationHandle}: drift ${store.driftPercent ?? '-'} %, ghost units ${store.ghostUnits}${store.overThreshold ? '  ← over threshold' : ''}\n`,
          );
        }
        process.stdout.write(
          `chain: drift ${report.chain.driftPercent ?? '-'} % over ${report.chain.counts} counts\n`,
        );
        if (!options.out) return;
        mkdirSync(options.out, { recursive: true });
        writeFileSync(join(options.out, 'report.html'), renderAuditHtml(report));
        writeFileSync(join(options.out, 'drift.csv'), renderAuditCsv(report, 'drift'));
        writeFileSync(join(options.out, 'items.csv'), renderAuditCsv(report, 'items'));
        writeFileSync(join(options.out, 'report.json'), renderAuditJson(report));
        process.stdout.write(`written to ${options.out}\n`);
      });
    });

  audit
    .command('correct')
    .description(
      'correct the books to the counts: a dry run listing each change; --confirm applies them (Shopify for managed stores, the ERP for warehouses)',
    )
    .option('--confirm', 'apply the changes (each import at a location whole or not at all)')
    .option('--import <id>', 'only this import')
    .option('--location <handle>', 'only this location')
    .action(
      async (
        options: { confirm?: boolean; import?: string; location?: string },
        command: Command,
      ) => {
        const { auditCorrect } = await import('./audit-correct.js');
        const { correctionTargets } = await import('../reports/audit/correction-targets.js');
        const { Metrics } = await import('../engine/metrics/metrics.js');
        const { createLogger } = await import('../shared/logger.js');

        await withStorage(command, async (storage, config) => {
          const result = await auditCorrect(storage, {
            confirm: options.confirm === true,
            clock: systemClock,
            ...(options.import ? { importId: options.import } : {}),
            ...(options.location ? { location: options.location } : {}),
            targets: () =>
              correctionTargets(config, {
                storage,
                metrics: new Metrics(),
                logger: createLogger({ level: config.logLevel }),
                clock: systemClock,
              }),
            print: (line) => void process.stdout.write(`${line}\n`),
          });
          // Asked to apply and something was not: a script running this must see it.
          const short = result.confirmed
            ? !result.ok || result.outcomes.some((o) => o.appliedChanges < o.totalChanges)
            : false;
          if (short) process.exitCode = 1;
        });
      },
    );

  audit
    .command('plan')
    .description(
      'rank what to count next per store (velocity × value × days since last count × ghost-likelihood)',
    )
    .option('--location <handle>', 'one store')
    .option('--limit <n>', 'items per store', '20')
    .action(async (options: { location?: string; limit: string }, command: Command) => {
      const { planCounts } = await import('../reports/audit/index.js');

      await withStorage(command, async (storage) => {
        const plan = await planCounts(storage, {
          limit: Number(options.limit),
          clock: systemClock,
          ...(options.location ? { location: options.location } : {}),
        });
        process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
      });
    });
}

async function withStorage(
  command: Command,
  work: (storage: Storage, config: Readonly<TrueshelfConfig>) => Promise<void>,
): Promise<void> {
  const config = await configFromCli(command);
  const { openStorage } = await import('../storage/open-storage.js');
  const { applyLocationSettings } = await import('../engine/registry/apply-location-settings.js');

  const storage = await openStorage(config.databaseUrl, config.postgres);
  try {
    await applyLocationSettings(storage, config, systemClock());
    await work(storage, config);
  } finally {
    await storage.close();
  }
}
