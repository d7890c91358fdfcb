import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitCsvLine } from '../src/domain/velocity/split-csv-line.js';
import { readLineChunks } from '../src/sources/counts/read-lines.js';
import { openStorage } from '../src/storage/open-storage.js';
import { expectedGhostUnits, seedAuditBooks, writeAuditCountFile } from './audit-bench-books.js';
import type { AuditChildFigures } from './audit-bench-child.js';

/**
 * The import's figures come from a child process (see `audit-bench-child.ts`); the baseline is
 * this process's. Memory in MiB, times in seconds.
 */
export interface AuditBenchResult extends AuditChildFigures {
  /** The baseline, same run: streaming the file and splitting its lines, nothing else. */
  readSeconds: number;
}

/** A child that takes longer than this is killed and the bench fails. */
const CHILD_TIMEOUT_MS = 10 * 60_000;

/**
 * A wall-to-wall count of a 100-store chain: 10,000 items × 100 stores = 1,000,000 lines
 * (see `audit-bench-books.ts`). Goal: under 15 s and 256 MiB. `stores` scales the chain down
 * for a quick run (10,000 lines a store).
 *
 * This process seeds the books and writes the file, which leaves 200+ MB resident here; the
 * import and the report then run in a fresh process, as `trueshelf audit import` does, so its
 * peak is the import's own. The import's time excludes that process's start-up (reported
 * apart, with the resident set it starts from).
 *
 * The import is single-threaded: its wall time is its CPU time only while it has a core to
 * itself (two imports at once on this 2-core machine, beside other work, took 12-17 s each).
 */
export async function runAuditBench(options: { stores?: number } = {}): Promise<AuditBenchResult> {
  const stores = options.stores ?? 100;
  const dir = mkdtempSync(join(tmpdir(), 'trueshelf-audit-bench-'));
  try {
    const database = join(dir, 'bench.db');
    // Migrate first, so the seed writes into the real schema.
    await (await openStorage(`sqlite:${database}`)).close();
    seedAuditBooks(database, stores);
    const file = join(dir, 'counts.csv');
    await writeAuditCountFile(file, stores);

    const readSeconds = await timeReading(file);
    const figures = await runChild([database, file, String(expectedGhostUnits(stores))]);
    return { ...figures, readSeconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function timeReading(file: string): Promise<number> {
  const started = performance.now();
  let fields = 0;
  // Read as the import reads it, a chunk of lines at a time.
  for await (const lines of readLineChunks(createReadStream(file))) {
    for (const line of lines) {
      const split = splitCsvLine(line);
      if (split.ok) fields += split.fields.length;
    }
  }
  if (fields === 0) throw new Error('the audit bench read no fields');
  return (performance.now() - started) / 1000;
}

/** Runs the child with the tsx loader from the repository root, where `tsx` resolves. */
async function runChild(args: readonly string[]): Promise<AuditChildFigures> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const script = fileURLToPath(new URL('./audit-bench-child.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: CHILD_TIMEOUT_MS,
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (output += chunk));

  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
    (resolve, reject) => {
      child.once('error', reject);
      child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
    },
  );
  if (code !== 0) {
    const why = signal
      ? `was killed by ${signal} (the limit is ${CHILD_TIMEOUT_MS / 1000} s)`
      : `exited with ${code} (its error is above)`;
    throw new Error(`the audit bench's import process ${why}`);
  }
  const last = output.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as AuditChildFigures;
  } catch (error) {
    throw new Error(`the audit bench's import process printed no figures: "${last}"`, {
      cause: error,
    });
  }
}
