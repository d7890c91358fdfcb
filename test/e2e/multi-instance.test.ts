import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drainWork } from '../../src/app/start-trueshelf.js';
import { loadConfig } from '../../src/config/load-config.js';
import { Metrics } from '../../src/engine/metrics/metrics.js';
import { syncRegistry } from '../../src/engine/registry/sync-registry.js';
import { startShopifySandbox } from '../../src/sandbox/shopify/shopify-sandbox.js';
import type { ShopifySandbox } from '../../src/sandbox/shopify/shopify-sandbox.js';
import { systemClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { createShopifyClient } from '../../src/sources/shopify/create-shopify-client.js';
import { importCatalogue } from '../../src/sources/shopify/import-catalogue.js';
import { spawnInstance, writeConfigFile } from '../support/instance-process.js';
import type { InstanceProcess } from '../support/instance-process.js';
import { openTestDatabase, testEngine } from '../support/test-storage.js';
import type { TestDatabase } from '../support/test-storage.js';

const TOKEN = 'shpat_multi_instance';
const SECRET = 'multi-instance-secret';
const STORES = 2;
const SKUS = 12;

/**
 * Several `trueshelf serve` processes on one PostgreSQL database. SQLite is one process's
 * embedded store, so these cases run on PostgreSQL only.
 */
describe.skipIf(testEngine !== 'postgres')('several instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let sandbox: ShopifySandbox;
  let instances: InstanceProcess[] = [];
  let servers: Server[] = [];
  let storeIds: string[] = [];
  let configFile = '';

  beforeEach(async () => {
    database = await openTestDatabase();
    sandbox = await startShopifySandbox({
      shop: 'multi.myshopify.com',
      accessToken: TOKEN,
      webhookSecret: SECRET,
      webhookRetryBaseMs: 50,
      seed: 3,
      bucketSize: 20_000,
      restoreRatePerSecond: 5000,
    });
    storeIds = Array.from(
      { length: STORES },
      (_, i) => sandbox.store.createLocation({ name: `Store ${i}`, pickup: true, priority: i }).id,
    );
    for (let i = 0; i < SKUS; i += 1) {
      const item =
        sandbox.store.createProduct({
          title: `SKU ${i}`,
          variants: [{ sku: `M-${i}`, tracked: true, inventoryPolicy: 'DENY' }],
        }).variants[0]?.inventoryItemId ?? '';
      for (const location of storeIds)
        sandbox.store.connectLevel({ inventoryItemId: item, locationId: location, available: 4 });
    }
  });

  afterEach(async () => {
    for (const instance of instances) await instance.kill('SIGKILL');
    for (const server of servers)
      await new Promise<void>((resolve) => server.close(() => resolve()));
    instances = [];
    servers = [];
    await sandbox.close();
    await database.close();
  });

  function itemOf(sku: string): string {
    const level = sandbox.store
      .levels()
      .find((l) => sandbox.store.state.items.get(l.inventoryItemId)?.sku === sku);
    return level?.inventoryItemId ?? '';
  }

  async function writeConfig(
    adminUrl: string,
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'trueshelf-multi-'));
    configFile = writeConfigFile(join(dir, 'trueshelf.yaml'), {
      databaseUrl: database.url,
      logLevel: 'warn',
      shopify: {
        shop: 'multi.myshopify.com',
        adminUrl,
        accessToken: TOKEN,
        webhookSecret: SECRET,
        mode: 'publish',
        coalesceWindowMs: 5,
        pointsPerSecond: 5000,
      },
      outbox: { claimTtlSeconds: 2, backoffBaseMs: 50 },
      locations: storeIds.map((id, i) => ({
        handle: `store-${i}`,
        timeZone: 'America/Chicago',
        shopifyLocationId: id,
        managed: true,
        mode: 'publish',
        bufferUnits: 2,
      })),
      ...extra,
    });
    return configFile;
  }

  async function importOnce(): Promise<void> {
    const config = loadConfig({ file: configFile });
    await syncRegistry(database.storage, config.locations, systemClock());
    const client = createShopifyClient(config, {
      metrics: new Metrics(),
      logger: silentLogger(),
      clock: systemClock,
    });
    await importCatalogue(database.storage, client, {
      clock: systemClock,
      modes: { shopify: 'publish', google: 'shadow' },
    });
  }

  async function quiet(): Promise<void> {
    for (let round = 0; round < 30; round += 1) {
      const before = sandbox.webhooks.sentCount;
      await sandbox.webhooks.idle();
      await drainWork(database.storage, systemClock, 60_000);
      if (sandbox.webhooks.sentCount === before) return;
    }
  }

  async function expectMirrorEqualsSandbox(): Promise<void> {
    const rows = await database.storage.db
      .selectFrom('levels')
      .innerJoin('items', 'items.id', 'levels.item_id')
      .innerJoin('locations', 'locations.handle', 'levels.location_handle')
      .select([
        'items.shopify_inventory_item_id as item',
        'locations.shopify_location_id as location',
        'levels.available',
        'levels.committed',
        'levels.on_hand',
        'levels.safety_stock',
        'levels.placed_safety_stock',
      ])
      .execute();
    expect(rows).toHaveLength(STORES * SKUS);
    for (const row of rows) {
      const truth = sandbox.store.level(row.item ?? '', row.location ?? '')?.quantities;
      expect({
        available: row.available,
        committed: row.committed,
        on_hand: row.on_hand,
        safety_stock: row.safety_stock,
      }).toEqual({
        available: truth?.available,
        committed: truth?.committed,
        on_hand: truth?.on_hand,
        safety_stock: truth?.safety_stock,
      });
      expect(row.placed_safety_stock).toBe(truth?.safety_stock);
    }
  }

  it(
    'four processes, each delivery sent to two of them: the mirror equals Shopify and every push applied once',
    { timeout: 180_000 },
    async () => {
      await writeConfig(sandbox.url);
      await importOnce();
      instances = await Promise.all([0, 1, 2, 3].map(() => spawnInstance(configFile)));

      // A fan-out in front of the instances: every delivery goes to two of them at once.
      let next = 0;
      const fanOut = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const pair = [instances[next % 4], instances[(next + 1) % 4]];
          next += 1;
          const headers = Object.fromEntries(
            Object.entries(req.headers).filter(
              ([k, v]) =>
                typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k),
            ),
          ) as Record<string, string>;
          void Promise.all(
            pair.map((instance) =>
              fetch(`${instance?.url}/webhooks/shopify`, {
                method: 'POST',
                headers,
                body: Buffer.concat(chunks),
              }).then((r) => r.status),
            ),
          )
            .then((statuses) => res.writeHead(statuses.includes(200) ? 200 : 503).end())
            .catch(() => res.writeHead(503).end());
        });
      });
      servers.push(fanOut);
      await new Promise<void>((resolve) => fanOut.listen(0, '127.0.0.1', resolve));
      sandbox.webhooks.setTarget(
        `http://127.0.0.1:${(fanOut.address() as AddressInfo).port}/webhooks`,
      );

      // The import queued the first buffer moves; then 3 POS sales per level, the last below zero.
      for (let round = 0; round < 3; round += 1) {
        for (let sku = 0; sku < SKUS; sku += 1) {
          for (const location of storeIds)
            sandbox.store.posSale({ location, lines: [{ sku: `M-${sku}`, quantity: 1 }] });
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await quiet();

      await expectMirrorEqualsSandbox();
      const accepted = await database.storage.db
        .selectFrom('pushes')
        .select('idempotency_key')
        .where('outcome', '=', 'applied')
        .execute();
      const applied = sandbox.mutationLog
        .applied()
        .filter((e) => e.mutation === 'inventoryMoveQuantities');
      expect(applied.length).toBe(accepted.length);
      expect(new Set(applied.map((e) => e.idempotencyKey)).size).toBe(applied.length);
      const deliveries = await database.storage.db
        .selectFrom('deliveries')
        .select(['topic', 'webhook_id', 'status'])
        .execute();
      expect(new Set(deliveries.map((d) => `${d.topic}|${d.webhook_id}`)).size).toBe(
        deliveries.length,
      );
      expect(deliveries.every((d) => d.status === 'applied' || d.status === 'ignored')).toBe(true);
    },
  );

  it(
    '200 concurrent one-unit holds spread over four processes for 10 sellable units: exactly 10 win',
    { timeout: 180_000 },
    async () => {
      await writeConfig(sandbox.url, {
        tokens: [{ name: 'storefront', token: 'storefront-write-token-0123', scopes: ['write'] }],
      });
      await importOnce();
      instances = await Promise.all([0, 1, 2, 3].map(() => spawnInstance(configFile)));
      sandbox.webhooks.setTarget(`${instances[0]?.url}/webhooks/shopify`);
      // M-0 at store-0 once the buffer is placed: available 2, safety_stock 2. An admin set of
      // available to 10 makes gross 12; minus the buffer of 2, 10 are sellable.
      await quiet();
      sandbox.store.setQuantity({
        inventoryItemId: itemOf('M-0'),
        locationId: storeIds[0] ?? '',
        name: 'available',
        quantity: 10,
      });
      await quiet();
      const decision = await database.storage.db
        .selectFrom('decisions')
        .select('sellable')
        .where('location_handle', '=', 'store-0')
        .where('item_id', '=', `si-${itemOf('M-0')}`)
        .executeTakeFirstOrThrow();
      expect(decision.sellable).toBe(10);

      const statuses = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          fetch(`${instances[i % 4]?.url}/v1/holds`, {
            method: 'POST',
            headers: {
              authorization: 'Bearer storefront-write-token-0123',
              'content-type': 'application/json',
              'idempotency-key': `race-${i}`,
            },
            body: JSON.stringify({
              cartId: `cart-${i}`,
              lines: [{ sku: 'M-0', location: 'store-0', quantity: 1 }],
            }),
          }).then((r) => r.status),
        ),
      );

      expect(statuses.filter((s) => s === 201)).toHaveLength(10);
      expect(statuses.filter((s) => s === 409)).toHaveLength(190);
      const held = await database.storage.db
        .selectFrom('levels')
        .select('held' as never)
        .where('location_handle', '=', 'store-0')
        .where('item_id', '=', `si-${itemOf('M-0')}`)
        .executeTakeFirstOrThrow();
      expect((held as unknown as { held: number }).held).toBe(10);
    },
  );

  it(
    'an instance killed while its push hangs: another takes the claim over and the move is applied once',
    { timeout: 120_000 },
    async () => {
      // A proxy before the Admin API that never answers the first move: the sender dies waiting.
      let hung = false;
      let sawMove: () => void = () => undefined;
      const moveSeen = new Promise<void>((resolve) => (sawMove = resolve));
      const proxy = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = Buffer.concat(chunks);
          if (!hung && body.toString().includes('inventoryMoveQuantities')) {
            hung = true;
            sawMove();
            return;
          }
          const headers = Object.fromEntries(
            Object.entries(req.headers).filter(
              ([k, v]) =>
                typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k),
            ),
          ) as Record<string, string>;
          void fetch(`${sandbox.url}${req.url ?? '/'}`, {
            method: req.method ?? 'POST',
            headers,
            body,
          })
            .then(async (r) =>
              res
                .writeHead(r.status, { 'content-type': 'application/json' })
                .end(Buffer.from(await r.arrayBuffer())),
            )
            .catch(() => res.writeHead(502).end());
        });
      });
      servers.push(proxy);
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      await writeConfig(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);
      await importOnce();

      const first = await spawnInstance(configFile);
      instances.push(first);
      await moveSeen;
      await first.kill('SIGKILL');

      const second = await spawnInstance(configFile);
      instances.push(second);
      sandbox.webhooks.setTarget(`${second.url}/webhooks/shopify`);
      await quiet();

      await expectMirrorEqualsSandbox();
      const moves = sandbox.mutationLog
        .entries()
        .filter((e) => e.mutation === 'inventoryMoveQuantities' && e.outcome === 'applied');
      expect(new Set(moves.map((m) => m.idempotencyKey)).size).toBe(moves.length);
      // Every level got its 2 buffer units exactly once: 2 × levels units moved in all.
      const moved = moves
        .flatMap((m) => m.changes)
        .filter((c) => c.name === 'safety_stock')
        .reduce((a, c) => a + c.delta, 0);
      expect(moved).toBe(2 * STORES * SKUS);
    },
  );
});
