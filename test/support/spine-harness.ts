import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTrueshelf } from '../../src/app/start-trueshelf.js';
import type { RunningTrueshelf } from '../../src/app/start-trueshelf.js';
import { locationSettingsSchema } from '../../src/config/config-schema.js';
import type { LocationSettings } from '../../src/config/config-schema.js';
import { loadConfig } from '../../src/config/load-config.js';
import { startShopifySandbox } from '../../src/sandbox/shopify/shopify-sandbox.js';
import type { ShopifySandbox } from '../../src/sandbox/shopify/shopify-sandbox.js';
import { createLogger, silentLogger } from '../../src/shared/logger.js';
import { importCatalogue } from '../../src/sources/shopify/import-catalogue.js';
import { openTestDatabase } from './test-storage.js';
import type { TestDatabase } from './test-storage.js';

export const SHOP = 'spine.myshopify.com';
export const TOKEN = 'shpat_spine_harness_token';
export const SECRET = 'spine-webhook-secret';

export interface SpineOptions {
  /** Stock per store and SKU at the start. */
  stock: Record<string, Record<string, number>>;
  bufferUnits?: number;
  /** Called with each Admin API request body before it is forwarded (to race a change in). */
  beforeAdminRequest?: (body: string) => Promise<void> | void;
  mode?: 'shadow' | 'publish';
}

export interface Spine {
  sandbox: ShopifySandbox;
  running: RunningTrueshelf;
  database: TestDatabase;
  locationIds: Record<string, string>;
  itemIds: Record<string, string>;
  settle(): Promise<void>;
  mirror(store: string, sku: string): Promise<Record<string, number>>;
  shopify(store: string, sku: string): Record<string, number>;
  movements(
    store: string,
    sku: string,
  ): Promise<{ state: string; delta: number; cause_kind: string; cause_ref: string | null }[]>;
  close(): Promise<void>;
}

/**
 * The whole spine over real sockets: the sandbox Shopify, an optional proxy in front of its
 * Admin API, and trueshelf on the test database, its webhooks pointed at trueshelf.
 */
export async function startSpine(options: SpineOptions): Promise<Spine> {
  const database = await openTestDatabase();
  const sandbox = await startShopifySandbox({
    shop: SHOP,
    accessToken: TOKEN,
    webhookSecret: SECRET,
    webhookRetryBaseMs: 20,
    seed: 7,
  });

  const stores = Object.keys(options.stock);
  const skus = [...new Set(stores.flatMap((s) => Object.keys(options.stock[s] ?? {})))];
  const locationIds: Record<string, string> = {};
  for (const [index, name] of stores.entries()) {
    const warehouse = name.startsWith('warehouse');
    locationIds[name] = sandbox.store.createLocation({
      name,
      fulfillsOnlineOrders: true,
      pickup: !warehouse,
      priority: index,
    }).id;
  }
  const itemIds: Record<string, string> = {};
  for (const sku of skus) {
    const product = sandbox.store.createProduct({
      title: sku,
      variants: [{ sku, price: '10.00', tracked: true, inventoryPolicy: 'DENY' }],
    });
    itemIds[sku] = product.variants[0]?.inventoryItemId ?? '';
  }
  for (const store of stores) {
    for (const [sku, units] of Object.entries(options.stock[store] ?? {})) {
      sandbox.store.connectLevel({
        inventoryItemId: itemIds[sku] ?? '',
        locationId: locationIds[store] ?? '',
        available: units,
      });
    }
  }

  const proxy = await startProxy(sandbox.url, options.beforeAdminRequest);
  const locations: LocationSettings[] = stores.map((name) =>
    locationSettingsSchema.parse({
      handle: name,
      kind: name.startsWith('warehouse') ? 'warehouse' : 'store',
      timeZone: 'America/New_York',
      shopifyLocationId: locationIds[name],
      managed: !name.startsWith('warehouse'),
      mode: options.mode ?? 'publish',
      bufferUnits: options.bufferUnits ?? 0,
    }),
  );
  const config = loadConfig({
    flags: {
      port: 0,
      databaseUrl: database.url,
      logLevel: 'silent',
      'shopify.shop': SHOP,
      'shopify.adminUrl': proxy.url,
      'shopify.accessToken': TOKEN,
      'shopify.webhookSecret': SECRET,
      'shopify.mode': 'publish',
      'shopify.coalesceWindowMs': 5,
      'outbox.backoffBaseMs': 20,
      locations,
    },
  });
  const logger = process.env['TRUESHELF_TEST_LOG']
    ? createLogger({ level: process.env['TRUESHELF_TEST_LOG'] })
    : silentLogger();
  const running = await startTrueshelf(config, { storage: database.storage, logger });
  sandbox.webhooks.setTarget(`${running.url}/webhooks/shopify`);
  await importCatalogue(database.storage, running.shopify, {
    clock: running.context.clock,
    modes: { shopify: 'publish', google: 'shadow' },
  });
  running.context.wakeOutbox();

  const settle = async () => {
    for (let round = 0; round < 50; round += 1) {
      const before = sandbox.webhooks.sentCount;
      await sandbox.webhooks.idle();
      await running.drain(20_000);
      await sandbox.webhooks.idle();
      if (sandbox.webhooks.sentCount === before) return;
    }
    throw new Error('the spine did not settle');
  };
  await settle();

  const levelKey = async (store: string, sku: string) => {
    const item = await database.storage.db
      .selectFrom('items')
      .select('id')
      .where('sku', '=', sku)
      .executeTakeFirstOrThrow();
    return { itemId: item.id, handle: store };
  };

  return {
    sandbox,
    running,
    database,
    locationIds,
    itemIds,
    settle,
    mirror: async (store, sku) => {
      const { itemId, handle } = await levelKey(store, sku);
      const level = await database.storage.db
        .selectFrom('levels')
        .selectAll()
        .where('item_id', '=', itemId)
        .where('location_handle', '=', handle)
        .executeTakeFirstOrThrow();
      return level as unknown as Record<string, number>;
    },
    shopify: (store, sku) =>
      sandbox.store.level(itemIds[sku] ?? '', locationIds[store] ?? '')?.quantities ?? {},
    movements: async (store, sku) => {
      const { itemId, handle } = await levelKey(store, sku);
      return database.storage.db
        .selectFrom('movements')
        .select(['state', 'delta', 'cause_kind', 'cause_ref'])
        .where('item_id', '=', itemId)
        .where('location_handle', '=', handle)
        .where('cause_kind', '!=', 'first_read')
        .orderBy('learned_at')
        .orderBy('state')
        .execute();
    },
    close: async () => {
      await running.close();
      await sandbox.close();
      await new Promise<void>((resolve) => proxy.server.close(() => resolve()));
      await database.close();
    },
  };
}

async function startProxy(
  target: string,
  before?: (body: string) => Promise<void> | void,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      void (async () => {
        await before?.(body.toString('utf8'));
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name))
            headers.set(name, value);
        }
        const response = await fetch(`${target}${req.url ?? '/'}`, {
          method: req.method ?? 'POST',
          headers,
          body: req.method === 'GET' ? undefined : body,
        });
        res.writeHead(response.status, {
          'content-type': response.headers.get('content-type') ?? 'application/json',
        });
        res.end(Buffer.from(await response.arrayBuffer()));
      })().catch(() => {
        res.statusCode = 502;
        res.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.keepAliveTimeout = 1000;
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
