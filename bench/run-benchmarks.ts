import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import { describeLoad, runIngestBench } from './ingest-bench.js';
import { runLatencyBench } from './latency-bench.js';
import type { LatencyBenchResult } from './latency-bench.js';
import { runAuditBench } from './audit-bench.js';
import { runGoogleFeedBench } from './google-feed-bench.js';
import { describeHoldsBench } from './describe-holds-bench.js';
import { runHoldsBench } from './holds-bench.js';
import { runPostgresIngestBench } from './postgres-bench.js';
import { runSimBench } from './sim-bench.js';

export interface BenchOptions {
  quick: boolean;
  print: (line: string) => void;
  /** Run only this section (`--only holds`); the sections that can be picked are in `sections`. */
  only?: string;
}

/** Sections `--only` can pick. */
const sections: Record<string, (options: BenchOptions) => Promise<void>> = {
  holds: printHoldsBench,
  audit: printAuditBench,
};

/** `npm run bench`: each benchmark prints its figures and its ratio to a same-run baseline. */
export async function runBenchmarks(options: BenchOptions): Promise<void> {
  const { print } = options;
  const seconds = options.quick ? 3 : 10;
  const cpu = cpus()[0]?.model ?? 'cpu';
  print(
    `trueshelf benchmarks: Node ${process.version}, ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
  );
  if (options.only !== undefined) {
    const section = sections[options.only];
    if (!section) {
      throw new Error(
        `--only ${options.only}: no such section; expected one of ${Object.keys(sections).join(', ')}`,
      );
    }
    return section(options);
  }

  print('\n## signed-delivery ingest (32 connections)');
  const ingest = await runIngestBench({ seconds, connections: 32 });
  print(`bare verify-and-200 server: ${describeLoad(ingest.bare)}`);
  print(`trueshelf (verify, store in SQLite, 200): ${describeLoad(ingest.trueshelf)}`);
  print(`ratio trueshelf / bare: ${ingest.ratio.toFixed(2)} (goal ≥ 0.5)`);

  print('\n## signal to channel at a steady 200 deliveries/s (sandbox Shopify in its own process)');
  const latency = await runLatencyBench({
    seconds: options.quick ? 5 : 20,
    deliveriesPerSecond: 200,
  });
  describeLatency(latency, 'SQLite', print);

  print(
    '\n## PostgreSQL: signed-delivery ingest with 1 and 4 ingest-only instances (32 connections)',
  );
  for (const instances of [1, 4]) {
    const result = await runPostgresIngestBench({ instances, seconds, connections: 32 });
    const ratio = (result.perSecond / ingest.bare.perSecond).toFixed(2);
    print(`${instances} instance(s): ${describeLoad(result)}; ratio to the bare server ${ratio}`);
  }

  print('\n## PostgreSQL: signal to channel at a steady 200 deliveries/s (one instance)');
  const database = await freshPostgresDatabase();
  try {
    const pgLatency = await runLatencyBench({
      seconds: options.quick ? 5 : 20,
      deliveriesPerSecond: 200,
      databaseUrl: database.url,
    });
    describeLatency(pgLatency, 'PostgreSQL', print);
  } finally {
    await database.drop();
  }

  print('\n## Google local inventory feed file (streamed from the database)');
  for (const format of ['tsv', 'xml'] as const) {
    const feed = await runGoogleFeedBench({ format, ...(options.quick ? { stores: 20 } : {}) });
    print(
      `${format}: ${feed.rows} item-store rows in ${feed.seconds.toFixed(1)} s, peak RSS ${feed.peakRssMb.toFixed(0)} MB (${feed.startRssMb.toFixed(0)} MB before), file ${feed.fileMb.toFixed(0)} MB (goal < 10 s, < 200 MB)`,
    );
  }

  await printAuditBench(options);

  if (!options.quick) {
    print('\n## drift simulator, every policy, real M5 files');
    const sim = await runSimBench();
    for (const run of [sim.fullFile, sim.longSeries]) {
      print(
        `${run.file}: ${run.levels} levels × ${run.days} days × ${run.policies} policies, ${run.events} events in ${run.wallSeconds.toFixed(1)} s wall (${run.cpuSeconds.toFixed(1)} s CPU), ${Math.round(run.eventsPerSecond)} events/s, ${run.ratioToRead.toFixed(1)}× the time to read the file`,
      );
    }
    print(`full file within the 60 s goal: ${sim.fullFileWithinGoal ? 'yes' : 'no'}`);
  }

  await printHoldsBench(options);
}

async function printAuditBench(options: BenchOptions): Promise<void> {
  options.print('\n## audit: import and reconcile a count file (SQLite, 10,000 items a store)');
  const audit = await runAuditBench(options.quick ? { stores: 10 } : {});
  const mb = (value: number) => `${value.toFixed(1)} MB`;
  options.print(
    `${audit.lines} lines in ${audit.importSeconds.toFixed(1)} s wall (${audit.importCpuSeconds.toFixed(1)} s CPU), peak RSS ${mb(audit.importPeakRssMb)} (goal < 15 s, < 256 MB at 1,000,000 lines), in a process of its own that started in ${audit.startupSeconds.toFixed(1)} s at ${mb(audit.startRssMb)}; ${(audit.importSeconds / audit.readSeconds).toFixed(1)}× the time to stream and split the file (${audit.readSeconds.toFixed(1)} s); the report over them ${audit.reportSeconds.toFixed(1)} s (peak RSS then ${mb(audit.reportPeakRssMb)})`,
  );
  if (audit.lines === 1_000_000) {
    const met = audit.importSeconds < 15 && audit.importPeakRssMb < 256;
    options.print(`within the goal: ${met ? 'yes' : 'no'}`);
  }
}

async function printHoldsBench(options: BenchOptions): Promise<void> {
  const clients = 50;
  options.print(
    `\n## holds: ${clients} clients, one hot item and 10,000 items, SQLite and PostgreSQL`,
  );
  const rows = await runHoldsBench({
    engines: ['sqlite', 'postgres'],
    seconds: options.quick ? 3 : 10,
    clients,
  });
  describeHoldsBench(rows, clients, options.print);
}

function describeLatency(
  result: LatencyBenchResult,
  engine: string,
  print: (line: string) => void,
): void {
  print(
    `${engine}: ${result.sales} POS sales → ${result.deliveries} deliveries (${result.deliveriesPerSecond.toFixed(0)}/s), ${result.pushesApplied} moves accepted`,
  );
  print(
    `latency X-Shopify-Triggered-At → move accepted: p50 ${fmt(result.latencyP50Ms)} ms, p99 ${fmt(result.latencyP99Ms)} ms (goal p99 < 50 ms)`,
  );
  print(
    `per sale: ${result.pointsPerSale.toFixed(1)} Admin API points, ${result.pushesPerSale.toFixed(2)} pushes, ${result.readQueriesPerSale.toFixed(2)} re-read queries`,
  );
  print(
    `outbox: ${result.targetsSet} targets set, ${result.pushesSavedByCoalescing} superseded or settled without a push (coalescing)`,
  );
}

async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const server =
    process.env['TRUESHELF_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `trueshelf_latency_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

function fmt(value: number | null): string {
  return value === null ? '-' : value.toFixed(1);
}
