import type { Command } from 'commander';
import { onShutdown } from './on-shutdown.js';

export function registerSandboxCommand(program: Command): void {
  program
    .command('sandbox')
    .description('run a loopback fake of an outside service, driven by its control endpoints')
    .command('shopify')
    .description(
      'the sandbox Shopify shop alone (Admin GraphQL, webhooks, /_sandbox/ control endpoints)',
    )
    .option('--port <port>', 'port on 127.0.0.1 (0 picks one)', '0')
    .option('--shop <domain>', 'shop domain', 'sandbox.myshopify.com')
    .requiredOption('--token <token>', 'Admin API access token it accepts')
    .requiredOption('--secret <secret>', 'key it signs webhooks with')
    .option('--bucket <points>', 'cost bucket size', '1000')
    .option('--restore <points>', 'points restored per second', '100')
    .action(async (options: Record<string, string>) => {
      const { startShopifySandbox } = await import('../sandbox/shopify/shopify-sandbox.js');

      const sandbox = await startShopifySandbox({
        port: Number(options['port']),
        shop: options['shop'] ?? 'sandbox.myshopify.com',
        accessToken: options['token'] ?? '',
        webhookSecret: options['secret'] ?? '',
        bucketSize: Number(options['bucket']),
        restoreRatePerSecond: Number(options['restore']),
      });
      // One JSON line, so a parent process (a benchmark) can read where it listens.
      process.stdout.write(`${JSON.stringify({ url: sandbox.url })}\n`);
      await onShutdown(() => sandbox.close());
    });
}
