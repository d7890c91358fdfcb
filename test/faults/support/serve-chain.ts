import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load-config.js';
import { Metrics } from '../../../src/engine/metrics/metrics.js';
import { syncRegistry } from '../../../src/engine/registry/sync-registry.js';
import { startShopifySandbox } from '../../../src/sandbox/shopify/shopify-sandbox.js';
import type { ShopifySandbox } from '../../../src/sandbox/shopify/shopify-sandbox.js';
import { systemClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { createShopifyClient } from '../../../src/sources/shopify/create-shopify-client.js';
import { importCatalogue } from '../../../src/sources/shopify/import-catalogue.js';
import type { Storage } from '../../../src/storage/storage.js';
import { writeConfigFile } from '../../support/instance-process.js';

export const SHOP = 'faults.myshopify.com';
export const ADMIN_TOKEN = 'shpat_fault_campaign_admin';
export const WEBHOOK_SECRET = 'fault-campaign-webhook-secret';
export const WRITE_TOKEN = 'fault-campaign-write-token-0001';

export interface ChainShape {
  readonly stores: number;
  readonly skus: readonly string[];
  readonly unitsPerLevel: number;
  readonly bufferUnits: number;
  readonly seed: number;
  /** Give store i the Google store code `STORE-i`. */
  readonly googleStoreCodes?: boolean;
}

export interface Chain {
  readonly sandbox: ShopifySandbox;
  readonly storeIds: readonly string[];
  readonly itemIds: Readonly<Record<string, string>>;
}

/** The sandbox Shopify with `stores` pickup stores, each stocking every SKU. */
export async function startChain(shape: ChainShape): Promise<Chain> {
  const sandbox = await startShopifySandbox({
    shop: SHOP,
    accessToken: ADMIN_TOKEN,
    webhookSecret: WEBHOOK_SECRET,
    // 50 ms × (2^10 − 1): a delivery is retried for about 51 s, Shopify's 4 hours compressed.
    webhookRetryBaseMs: 50,
    webhookMaxRetries: 10,
    seed: shape.seed,
    bucketSize: 20_000,
    restoreRatePerSecond: 5000,
  });
  const storeIds = Array.from(
    { length: shape.stores },
    (_, i) => sandbox.store.createLocation({ name: `Store ${i}`, pickup: true, priority: i }).id,
  );
  const itemIds: Record<string, string> = {};
  for (const sku of shape.skus) {
    const item =
      sandbox.store.createProduct({
        title: sku,
        variants: [{ sku, tracked: true, inventoryPolicy: 'DENY' }],
      }).variants[0]?.inventoryItemId ?? '';
    itemIds[sku] = item;
    for (const location of storeIds)
      sandbox.store.connectLevel({
        inventoryItemId: item,
        locationId: location,
        available: shape.unitsPerLevel,
      });
  }
  return { sandbox, storeIds, itemIds };
}

/** A `trueshelf serve` config file publishing to the chain's stores. */
export function writeChainConfig(
  chain: Chain,
  shape: ChainShape,
  databaseUrl: string,
  extra: Record<string, unknown> = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), 'trueshelf-faults-'));
  return writeConfigFile(join(dir, 'trueshelf.yaml'), {
    databaseUrl,
    logLevel: 'warn',
    tokens: [{ name: 'storefront', token: WRITE_TOKEN, scopes: ['write'] }],
    shopify: {
      shop: SHOP,
      adminUrl: chain.sandbox.url,
      accessToken: ADMIN_TOKEN,
      webhookSecret: WEBHOOK_SECRET,
      mode: 'publish',
      coalesceWindowMs: 5,
      pointsPerSecond: 5000,
    },
    outbox: { claimTtlSeconds: 2, backoffBaseMs: 50 },
    locations: chain.storeIds.map((id, i) => ({
      handle: `store-${i}`,
      timeZone: 'America/Chicago',
      shopifyLocationId: id,
      managed: true,
      mode: 'publish',
      bufferUnits: shape.bufferUnits,
      ...(shape.googleStoreCodes ? { googleStoreCode: `STORE-${i}` } : {}),
    })),
    ...extra,
  });
}

/** What onboarding does before `serve`: the registry and the first read of every level. */
export async function importChain(storage: Storage, configFile: string): Promise<void> {
  const config = loadConfig({ file: configFile });
  await syncRegistry(storage, config.locations, systemClock());
  const client = createShopifyClient(config, {
    metrics: new Metrics(),
    logger: silentLogger(),
    clock: systemClock,
  });
  await importCatalogue(storage, client, {
    clock: systemClock,
    modes: { shopify: 'publish', google: 'shadow' },
  });
}

/** A free loopback port, so a restarted instance answers where the sandbox keeps retrying. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
