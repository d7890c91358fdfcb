import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

import { readSalesFile } from '../src/demo/read-sales-file.js';
import type { SimulationResult } from '../src/sim/index.js';
import { runSimulation } from '../src/sim/index.js';

const DATA = new URL('../../shared/data/sales/m5/', import.meta.url);
const FULL_FILE = fileURLToPath(
  new URL('m5_sales_test_evaluation_d1942-d1969_10stores_3049items.csv', DATA),
);
const LONG_SERIES = fileURLToPath(new URL('m5_sales_train_validation_10series_d1-d1913.csv', DATA));

/** Figures for one file run through every policy. */
export interface SimBenchRun {
  file: string;
  levels: number;
  days: number;
  policies: number;
  events: number;
  /** The whole simulation: reading the file, every policy, and the result. */
  wallSeconds: number;
  /** CPU time of this process over the same span: steadier than wall time on a shared machine. */
  cpuSeconds: number;
  eventsPerSecond: number;
  /** Baseline in the same run: reading the same file with the product's reader, nothing else. */
  readSeconds: number;
  ratioToRead: number;
  /** Calls into the product's velocity and buffer code, summed over the policies. */
  velocityCalls: number;
  bufferCalls: number;
  conserved: boolean;
}

export interface SimBenchResult {
  fullFile: SimBenchRun;
  longSeries: SimBenchRun;
  /** The goal for the full file: under 60 s on a 2-core machine. */
  fullFileGoalSeconds: number;
  fullFileWithinGoal: boolean;
}

/**
 * The drift simulator over the real M5 files with every policy: the full evaluation file
 * (10 stores × 3,049 items × 28 days) and the 10 long series (1,913 days). Not a test: it
 * times, and prints nothing itself.
 */
export async function runSimBench(): Promise<SimBenchResult> {
  const fullFile = await benchFile(FULL_FILE);
  const longSeries = await benchFile(LONG_SERIES);
  return {
    fullFile,
    longSeries,
    fullFileGoalSeconds: 60,
    fullFileWithinGoal: fullFile.wallSeconds < 60,
  };
}

async function benchFile(file: string): Promise<SimBenchRun> {
  const readStarted = process.hrtime.bigint();
  let cells = 0;
  for await (const row of readSalesFile(file)) cells += row.units > 0 ? 1 : 0;
  const readSeconds = seconds(readStarted);

  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  const result: SimulationResult = await runSimulation({ sales: file, seed: 1 });
  const wallSeconds = seconds(started);
  const cpu = process.cpuUsage(cpuStarted);

  if (cells === 0) throw new Error(`the bench file ${file} has no sales`);
  return {
    file: file.split('/').at(-1) ?? file,
    levels: result.input.levels,
    days: result.input.dayCount,
    policies: result.policies.length,
    events: result.eventsSimulated,
    wallSeconds: round(wallSeconds),
    cpuSeconds: round((cpu.user + cpu.system) / 1e6),
    eventsPerSecond: Math.round(result.eventsSimulated / wallSeconds),
    readSeconds: round(readSeconds),
    ratioToRead: round(wallSeconds / readSeconds),
    velocityCalls: sum(result, (p) => p.productCalls.computeVelocity),
    bufferCalls: sum(result, (p) => p.productCalls.computeBuffer),
    conserved: result.policies.every((p) => p.units.conserved && p.record.consistent),
  };
}

function sum(
  result: SimulationResult,
  pick: (p: SimulationResult['policies'][number]) => number,
): number {
  return result.policies.reduce((total, policy) => total + pick(policy), 0);
}

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Prints the figures when run directly: `npx tsx bench/sim-bench.ts`. */
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await runSimBench();
  for (const run of [result.fullFile, result.longSeries]) {
    console.log(
      `${run.file}: ${run.levels} levels × ${run.days} days × ${run.policies} policies, ` +
        `${run.events.toLocaleString('en-US')} events in ${run.wallSeconds} s ` +
        `(${run.cpuSeconds} s of CPU) ` +
        `(${run.eventsPerSecond.toLocaleString('en-US')} events/s); reading the file alone ` +
        `${run.readSeconds} s (ratio ${run.ratioToRead}); velocity calls ${run.velocityCalls}, ` +
        `buffer calls ${run.bufferCalls}; conserved ${run.conserved}`,
    );
  }
  console.log(`full file within the 60 s goal: ${result.fullFileWithinGoal}`);
  console.log(
    `load average at the end: ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')}`,
  );
}
