import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { collectGoogleSetup } from '../channels/google/collect-google-setup.js';
import type { SetupPart } from '../channels/google/collect-google-setup.js';
import { createGoogleInventoryClient } from '../channels/google/create-google-channel.js';
import { writeLocalInventoryFeed } from '../channels/google/feed/write-local-inventory-feed.js';
import type { FeedSummary } from '../channels/google/feed/feed-summary.js';
import { googleSettingsFrom } from '../channels/google/google-settings.js';
import type { GoogleSettings, GoogleSettingsInput } from '../channels/google/google-settings.js';
import type { LocalInventoryRow } from '../channels/google/local-inventory-row.js';
import { googleFeedColumns, streamFeedRows } from '../channels/google/stream-feed-rows.js';
import type { TrueshelfConfig } from '../config/config-schema.js';
import { systemClock } from '../shared/clock.js';
import { TrueshelfError } from '../shared/error-catalogue.js';
import { silentLogger } from '../shared/logger.js';
import { openStorage } from '../storage/open-storage.js';
import type { Storage } from '../storage/storage.js';

export interface FeedOptions {
  format: 'tsv' | 'xml';
  out?: string;
  check?: boolean;
  storeCodes?: string;
  probeLimit: string;
}

/** Where `feedGoogle` writes and how it fails; the command passes its own or the tests'. */
export interface FeedIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** Over `config.google`; the tests point it at the sandbox here. */
  readonly google: GoogleSettingsInput | undefined;
  readonly setExitCode: (code: number) => void;
}

const PROGRESS_EVERY = 10_000;
const MAX_LINES_SHOWN = 200;

/** `trueshelf feed google`: the full local inventory file, or the setup preflight. */
export async function feedGoogle(
  options: FeedOptions,
  config: Readonly<TrueshelfConfig>,
  io: FeedIo,
): Promise<void> {
  const { stdout, stderr } = io;
  const settings = googleSettingsFrom(config, io.google);
  const storage = await openStorage(config.databaseUrl);
  try {
    if (options.check) {
      const ok = await runCheck(storage, settings, options, stdout);
      if (!ok) io.setExitCode(1);
      return;
    }
    if (!options.out) {
      throw new TrueshelfError('invalid_request', 'feed google needs --out FILE (or --check)');
    }
    await writeFeed(storage, settings, options.format, options.out, { stdout, stderr });
  } finally {
    await storage.close();
  }
}

async function writeFeed(
  storage: Storage,
  settings: GoogleSettings,
  format: 'tsv' | 'xml',
  out: string,
  io: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } },
): Promise<void> {
  const toStdout = out === '-';
  // The summary goes where the feed does not.
  const report = toStdout ? io.stderr : io.stdout;
  const unmapped: string[] = [];
  const rows = withProgress(
    streamFeedRows(storage.db, settings, {
      onUnmapped: (item) => unmapped.push(`item ${item.itemId}: ${item.message}`),
    }),
    (count) => io.stderr.write(`feed google: ${count} rows\n`),
  );

  // Written beside the target and renamed at the end: a failed run never leaves half a feed.
  const partial = `${out}.partial`;
  const sink = toStdout ? process.stdout : createWriteStream(partial);
  let summary: FeedSummary;
  try {
    summary = await writeLocalInventoryFeed(rows, sink, {
      format,
      columns: googleFeedColumns,
      end: !toStdout,
    });
    if (!toStdout) await rename(partial, out);
  } catch (thrown) {
    if (!toStdout) await rm(partial, { force: true });
    throw thrown;
  }

  const where = toStdout ? 'stdout' : out;
  for (const line of describeSummary(summary, format, where)) report.write(`${line}\n`);
  if (unmapped.length > 0) {
    report.write(`left out ${unmapped.length} item(s) with no offer id:\n`);
    for (const line of unmapped.slice(0, MAX_LINES_SHOWN)) report.write(`  ${line}\n`);
  }
  if (settings.deliveryPath === 'api') {
    report.write(
      'note: google.deliveryPath is api: do not also upload this file to the same Merchant ' +
        'account (a file processed late overwrites newer API values)\n',
    );
  }
}

function describeSummary(summary: FeedSummary, format: string, where: string): string[] {
  const counts = (perAvailability: FeedSummary['perAvailability']): string =>
    Object.entries(perAvailability)
      .map(([availability, n]) => `${availability.toLowerCase()} ${n}`)
      .join(', ');

  const lines = [
    `wrote ${summary.rows} rows to ${where} (${format}): ${counts(summary.perAvailability)}`,
  ];
  const stores = Object.entries(summary.perStore).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [store, entry] of stores) {
    lines.push(`  store ${store}: ${entry.rows} rows: ${counts(entry.perAvailability)}`);
  }
  if (summary.rejected > 0) {
    lines.push(`refused ${summary.rejected} row(s) Google would reject:`);
    for (const rejection of summary.rejections) {
      lines.push(`  row ${rejection.index}: ${rejection.message}`);
    }
  }
  return lines;
}

async function runCheck(
  storage: Storage,
  settings: GoogleSettings,
  options: FeedOptions,
  stdout: { write(text: string): unknown },
): Promise<boolean> {
  const probeLimit = Number(options.probeLimit);
  if (!Number.isInteger(probeLimit) || probeLimit < 0) {
    throw new TrueshelfError(
      'invalid_request',
      `--probe-limit '${options.probeLimit}' is not a whole number`,
    );
  }
  const registryStoreCodes = options.storeCodes
    ?.split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '');

  const merchant = settings.merchantAccountId
    ? await createGoogleInventoryClient(settings, { logger: silentLogger(), clock: systemClock })
    : undefined;
  try {
    const { report, parts } = await collectGoogleSetup(storage.db, settings, {
      ...(merchant ? { merchant } : {}),
      ...(registryStoreCodes ? { registryStoreCodes } : {}),
      probeLimit,
    });

    const shown = report.lines.slice(0, MAX_LINES_SHOWN);
    for (const line of shown) stdout.write(`${line}\n`);
    if (report.lines.length > shown.length) {
      stdout.write(`... and ${report.lines.length - shown.length} more\n`);
    }
    for (const line of describeParts(parts, report.ok)) stdout.write(`${line}\n`);
    return report.ok;
  } finally {
    await merchant?.close();
  }
}

const PART_HEADINGS: Readonly<Record<SetupPart['outcome'], string>> = {
  passed: 'checked and passed:',
  failed: 'checked, with the problems above:',
  not_checked: 'not checked:',
};

/**
 * The parts under three headings, then one verdict. "ok" is said only when every part was
 * checked and passed; a clean result with parts left unchecked says how many were.
 */
function describeParts(parts: readonly SetupPart[], ok: boolean): string[] {
  const lines: string[] = [];
  for (const outcome of ['passed', 'failed', 'not_checked'] as const) {
    const these = parts.filter((p) => p.outcome === outcome);
    if (these.length === 0) continue;
    lines.push(PART_HEADINGS[outcome], ...these.map((p) => `  ${p.part}: ${p.detail}`));
  }

  const notChecked = parts.filter((p) => p.outcome === 'not_checked').length;
  const passed = parts.filter((p) => p.outcome === 'passed').length;
  if (!ok) lines.push('google setup: blocking problems above');
  else if (notChecked === 0) lines.push('google setup: ok');
  else {
    lines.push(
      `google setup: the ${passed} part(s) checked passed; ${notChecked} not checked (listed above)`,
    );
  }
  return lines;
}

async function* withProgress(
  rows: AsyncIterable<LocalInventoryRow>,
  report: (count: number) => void,
): AsyncGenerator<LocalInventoryRow> {
  let count = 0;
  for await (const row of rows) {
    yield row;
    count += 1;
    if (count % PROGRESS_EVERY === 0) report(count);
  }
}
