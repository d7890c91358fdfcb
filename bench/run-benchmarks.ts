import { cpus, totalmem } from 'node:os';
import { describeLoad, runIngestBench } from './ingest-bench.js';
import { runLatencyBench } from './latency-bench.js';

export interface BenchOptions {
  quick: boolean;
  print: (line: string) => void;
}

/** `npm run bench`: each benchmark prints its figures and its ratio to a same-run baseline. */
export async function runBenchmarks(options: BenchOptions): Promise<void> {
  const { print } = options;
  const seconds = options.quick ? 3 : 10;
  print(
    `trueshelf benchmarks: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
  );

  print('\n## signed-delivery ingest (32 connections)');
  const ingest = await runIngestBench({ seconds, connections: 32 });
  print(`bare verify-and-200 server: ${describeLoad(ingest.bare)}`);
  print(`trueshelf (verify, store in SQLite, 200): ${describeLoad(ingest.trueshelf)}`);
  print(`ratio trueshelf / bare: ${ingest.ratio.toFixed(2)} (goal ≥ 0.5)`);

  print('\n## signal to channel at a steady 200 deliveries/s (sandbox Shopify, SQLite)');
  const latency = await runLatencyBench({
    seconds: options.quick ? 5 : 20,
    deliveriesPerSecond: 200,
  });
  print(
    `${latency.sales} POS sales → ${latency.deliveries} deliveries (${latency.deliveriesPerSecond.toFixed(0)}/s), ${latency.pushesApplied} moves accepted`,
  );
  print(
    `latency X-Shopify-Triggered-At → move accepted: p50 ${fmt(latency.latencyP50Ms)} ms, p99 ${fmt(latency.latencyP99Ms)} ms (goal p99 < 50 ms)`,
  );
  print(
    `per sale: ${latency.pointsPerSale.toFixed(1)} Admin API points, ${latency.pushesPerSale.toFixed(2)} pushes, ${latency.readQueriesPerSale.toFixed(2)} re-read queries`,
  );
  print(
    `outbox: ${latency.targetsSet} targets set, ${latency.pushesSavedByCoalescing} superseded or settled without a push (coalescing)`,
  );
}

function fmt(value: number | null): string {
  return value === null ? '-' : value.toFixed(1);
}
