import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTrueshelf } from '../src/app/start-trueshelf.js';
import type { RunningTrueshelf } from '../src/app/start-trueshelf.js';
import { locationSettingsSchema } from '../src/config/config-schema.js';
import { loadConfig } from '../src/config/load-config.js';
import { silentLogger } from '../src/shared/logger.js';
import { importCatalogue } from '../src/sources/shopify/import-catalogue.js';
import { SandboxProcess } from './sandbox-process.js';

export interface BenchChain {
  sandbox: SandboxProcess;
  running: RunningTrueshelf;
  storeIds: string[];
  skus: string[];
  /** Waits until the sandbox has sent everything and trueshelf has applied it. */
  settle(): Promise<number>;
  close(): Promise<void>;
}

/**
 * A sandbox chain for benchmarks: `stores` managed stores, `items` SKUs, each level stocked at
 * `stock` units with a buffer of `buffer`, trueshelf publishing on a temporary database.
 */
export async function startBenchChain(options: {
  stores: number;
  items: number;
  stock: number;
  buffer: number;
  databaseUrl?: string;
  restoreRatePerSecond?: number;
}): Promise<BenchChain> {
  const restore = options.restoreRatePerSecond ?? 1000;
  const sandbox = await SandboxProcess.start({
    token: 'shpat_bench',
    secret: 'bench-secret',
    bucket: 20_000,
    restore,
  });

  const storeIds: string[] = [];
  for (let i = 0; i < options.stores; i += 1) {
    storeIds.push(
      (
        await sandbox.call<{ id: string }>('POST', '/_sandbox/locations', {
          name: `Bench ${i + 1}`,
          pickup: true,
          priority: i,
        })
      ).id,
    );
  }
  const skus = Array.from({ length: options.items }, (_, i) => `B-${String(i).padStart(5, '0')}`);
  for (const sku of skus) {
    const product = await sandbox.call<{ variants: { inventoryItemId: string }[] }>(
      'POST',
      '/_sandbox/products',
      { title: sku, variants: [{ sku, price: '5.00', tracked: true, inventoryPolicy: 'DENY' }] },
    );
    const item = product.variants[0]?.inventoryItemId ?? '';
    for (const locationId of storeIds)
      await sandbox.call('POST', '/_sandbox/levels/connect', {
        inventoryItemId: item,
        locationId,
        available: options.stock,
      });
  }

  const dir = options.databaseUrl ? null : mkdtempSync(join(tmpdir(), 'trueshelf-bench-'));
  const config = loadConfig({
    flags: {
      port: 0,
      logLevel: 'silent',
      databaseUrl: options.databaseUrl ?? `sqlite:${join(dir ?? '', 'bench.db')}`,
      'shopify.shop': 'sandbox.myshopify.com',
      'shopify.adminUrl': sandbox.url,
      'shopify.accessToken': 'shpat_bench',
      'shopify.webhookSecret': 'bench-secret',
      'shopify.mode': 'publish',
      'shopify.pointsPerSecond': restore,
      locations: storeIds.map((id, i) =>
        locationSettingsSchema.parse({
          handle: `bench-${i + 1}`,
          timeZone: 'America/Chicago',
          shopifyLocationId: id,
          managed: true,
          mode: 'publish',
          bufferUnits: options.buffer,
        }),
      ),
    },
  });
  const running = await startTrueshelf(config, { logger: silentLogger() });
  await sandbox.call('POST', '/_sandbox/webhooks/target', {
    url: `${running.url}/webhooks/shopify`,
  });
  await importCatalogue(running.context.storage, running.shopify, {
    clock: running.context.clock,
    modes: { shopify: 'publish', google: 'shadow' },
  });
  running.context.wakeOutbox();

  const settle = async () => {
    let sent = -1;
    for (let round = 0; round < 100; round += 1) {
      const idle = await sandbox.call<{ sentCount: number }>('POST', '/_sandbox/webhooks/idle');
      await running.drain(120_000);
      if (idle.sentCount === sent) return sent;
      sent = idle.sentCount;
    }
    return sent;
  };
  await settle();

  return {
    sandbox,
    running,
    storeIds,
    skus,
    settle,
    close: async () => {
      await running.close();
      await sandbox.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
