import type { Command } from 'commander';

export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('run the benchmarks and print ratios against baselines measured in the same run')
    .option('--quick', 'shorter runs (for a smoke check)')
    .option('--only <section>', 'run one section only: holds or audit')
    .action(async (options: { quick?: boolean; only?: string }) => {
      const { runBenchmarks } = await import('../../bench/run-benchmarks.js');
      await runBenchmarks({
        quick: options.quick === true,
        ...(options.only === undefined ? {} : { only: options.only }),
        print: (line) => process.stdout.write(`${line}\n`),
      });
    });
}
