import type { Command } from 'commander';
import { onShutdown } from './on-shutdown.js';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'sandbox Shopify + trueshelf on SQLite, with a driver playing unit sales (npm start)',
    )
    .option(
      '--sales <file>',
      'play a store × item × day sales file (M5 wide format or date,store,sku,units)',
    )
    .option('--idle', 'start everything without the sales driver')
    .option('--stores <n>', 'stores to take from the file, or to make up', '3')
    .option('--items <n>', 'items to take from the file, or to make up', '60')
    .option('--days <n>', 'days to play', '28')
    .option('--day-seconds <s>', 'real seconds one simulated day lasts', '20')
    .option('--buffer <units>', 'safety buffer per managed store item', '2')
    .option('--seed <n>', 'seed of the synthetic chain and of the driver', '42')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const { runDemo } = await import('../demo/run-demo.js');

      const controller = new AbortController();
      const demo = await runDemo({
        ...(typeof options['sales'] === 'string' ? { salesFile: options['sales'] } : {}),
        idle: options['idle'] === true,
        stores: positive(options['stores'], 'stores'),
        items: positive(options['items'], 'items'),
        days: positive(options['days'], 'days'),
        daySeconds: positive(options['daySeconds'], 'day-seconds'),
        bufferUnits: positive(options['buffer'], 'buffer', true),
        seed: positive(options['seed'], 'seed', true),
        env: process.env,
        print: (line) => process.stdout.write(`${line}\n`),
        signal: controller.signal,
      });
      await onShutdown(async () => {
        controller.abort();
        await demo.close();
      });
    });
}

function positive(value: unknown, name: string, zeroOk = false): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < (zeroOk ? 0 : Number.MIN_VALUE)) {
    throw new Error(
      `--${name} must be a ${zeroOk ? 'number ≥ 0' : 'positive number'}, saw "${String(value)}"`,
    );
  }
  return n;
}
