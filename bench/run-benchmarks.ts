import { describeLoad, runIngestBench } from './ingest-bench.js';

export interface BenchOptions {
  quick: boolean;
  print: (line: string) => void;
}

/** `npm run bench`: each benchmark prints its figures and its ratio to a same-run baseline. */
export async function runBenchmarks(options: BenchOptions): Promise<void> {
  const seconds = options.quick ? 3 : 10;
  options.print(`trueshelf benchmarks on Node ${process.version}, ${(await import('node:os')).cpus().length} cores`);

  const ingest = await runIngestBench({ seconds, connections: 32 });
  options.print(`ingest, bare verify-and-200 server: ${describeLoad(ingest.bare)}`);
  options.print(`ingest, trueshelf (verify, store in SQLite, 200): ${describeLoad(ingest.trueshelf)}`);
  options.print(`ingest ratio trueshelf / bare: ${ingest.ratio.toFixed(2)} (goal ≥ 0.5)`);
}
