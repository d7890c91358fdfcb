import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { AttributionReport } from '../reports/attribution/index.js';
import { formatMinorUnits } from '../domain/attribution/minor-units.js';
import { systemClock } from '../shared/clock.js';
import { TrueshelfError } from '../shared/error-catalogue.js';
import { configFromCli } from './config-from-cli.js';

const FORMATS = ['html', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

/**
 * `trueshelf report attribution`: credit by store, associate, channel and store-local day.
 * Joins a `report` command another file may have created, so each report keeps its own file.
 */
export function registerAttributionCommand(program: Command): void {
  const report =
    program.commands.find((command) => command.name() === 'report') ??
    program.command('report').description('reports over a period');

  report
    .command('attribution')
    .description(
      'who earned each sale and each fulfilment: by store, associate, channel, class and store-local day',
    )
    .requiredOption(
      '--from <day>',
      'first day, YYYY-MM-DD (each store counts in its own time zone)',
    )
    .requiredOption('--to <day>', 'last day, YYYY-MM-DD, inclusive')
    .option('--format <format>', 'html (charts), csv or json', 'html')
    .option('--out <file>', 'write the report there instead of to stdout')
    .action(
      async (
        options: { from: string; to: string; format: string; out?: string },
        command: Command,
      ) => {
        const format = requireFormat(options.format);
        const config = await configFromCli(command);
        const { openStorage } = await import('../storage/open-storage.js');
        const { applyLocationSettings } =
          await import('../engine/registry/apply-location-settings.js');
        const {
          buildAttributionReport,
          renderAttributionCsv,
          renderAttributionHtml,
          renderAttributionJson,
        } = await import('../reports/attribution/index.js');
        const render = {
          html: renderAttributionHtml,
          csv: renderAttributionCsv,
          json: renderAttributionJson,
        };

        const storage = await openStorage(config.databaseUrl, config.postgres);
        try {
          await applyLocationSettings(storage, config, systemClock());
          const built = await buildAttributionReport(storage, {
            from: options.from,
            to: options.to,
            ecommerceTimeZone: config.attribution.ecommerceTimeZone,
          });
          const text = render[format](built);
          if (options.out) {
            writeFileSync(options.out, text);
            process.stderr.write(`${summary(built)}\nwritten to ${options.out}\n`);
          } else {
            process.stdout.write(text);
            process.stderr.write(`${summary(built)}\n`);
          }
        } finally {
          await storage.close();
        }
      },
    );
}

function requireFormat(value: string): Format {
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new TrueshelfError(
    'invalid_request',
    `--format is ${JSON.stringify(value)}; expected one of ${FORMATS.join(', ')}`,
    { parameter: 'format', seen: value, expected: FORMATS.join(', ') },
  );
}

function summary(report: AttributionReport): string {
  return (
    report.stores
      .map(
        (s) =>
          `${s.store}: sale ${formatMinorUnits(s.saleCredit, s.currency)} ${s.currency}, fulfilment ${formatMinorUnits(s.fulfilmentCredit, s.currency)} ${s.currency}, ${s.orders} orders`,
      )
      .join('\n') || `no attribution entries from ${report.from} to ${report.to}`
  );
}
