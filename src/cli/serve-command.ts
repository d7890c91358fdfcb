import type { Command } from 'commander';
import { configFromCli } from './config-from-cli.js';
import { onShutdown } from './on-shutdown.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'run the webhook inbox, the workers and the API (Shopify channel starts in shadow)',
    )
    .option('--port <port>', 'HTTP port (PORT)')
    .option('--host <host>', 'bind address (TRUESHELF_HOST)')
    .option('--ingest-only', 'store and acknowledge webhooks, run no workers (scale ingest apart)')
    .action(
      async (options: { port?: string; host?: string; ingestOnly?: boolean }, command: Command) => {
        const { startTrueshelf } = await import('../app/start-trueshelf.js');

        const config = await configFromCli(command, { port: options.port, host: options.host });
        const running = await startTrueshelf(config, { workers: options.ingestOnly !== true });
        running.context.logger.info(
          { url: running.url, shop: config.shopify.shop, mode: config.shopify.mode },
          'trueshelf serving',
        );
        process.stdout.write(
          `trueshelf serving on ${running.url} (Shopify channel: ${config.shopify.mode})\n`,
        );
        await onShutdown(() => running.close());
      },
    );
}
