import { AttributionWorker } from '../../../src/engine/attribution/attribution-worker.js';
import { attributionDb } from '../../../src/engine/attribution/attribution-database.js';
import { ShopifyOrderLookup } from '../../../src/engine/attribution/shopify-order-lookup.js';
import { recordDelivery } from '../../../src/engine/inbox/record-delivery.js';
import { DeliveryProcessor } from '../../../src/engine/inbox/delivery-processor.js';
import { Metrics } from '../../../src/engine/metrics/metrics.js';
import { syncRegistry } from '../../../src/engine/registry/sync-registry.js';
import { locationSettingsSchema } from '../../../src/config/config-schema.js';
import { defaultCreditRules } from '../../../src/domain/attribution/credit-rules.js';
import { startShopifySandbox } from '../../../src/sandbox/shopify/shopify-sandbox.js';
import type { ShopifySandbox } from '../../../src/sandbox/shopify/shopify-sandbox.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { openTestDatabase } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { shopifyTestClient } from '../../reports/audit/shopify-test-client.js';

export const SHOP = 'attribution.myshopify.com';

/**
 * The sandbox Shopify (no webhook target: every delivery is kept with its body), the test
 * database with the registry, the real inbox and the attribution worker on the real Admin API
 * client. `pump()` stores the deliveries sent since the last pump and applies them.
 */
export async function startAttributionBench(options: { writeTags?: boolean } = {}) {
  const database: TestDatabase = await openTestDatabase();
  const sandbox: ShopifySandbox = await startShopifySandbox({
    shop: SHOP,
    accessToken: 'test-token',
    webhookSecret: 'secret',
    seed: 3,
  });
  const storeA = sandbox.store.createLocation({ name: 'store-a', pickup: true, priority: 1 });
  const storeB = sandbox.store.createLocation({ name: 'store-b', pickup: true, priority: 2 });
  const warehouse = sandbox.store.createLocation({ name: 'warehouse', priority: 0 });
  const tee = sandbox.store.createProduct({
    title: 'Tee',
    variants: [{ sku: 'TEE', price: '20.00' }],
  });
  const hat = sandbox.store.createProduct({
    title: 'Hat',
    variants: [{ sku: 'HAT', price: '15.00' }],
  });
  for (const product of [tee, hat]) {
    for (const location of [storeA, storeB, warehouse]) {
      sandbox.store.connectLevel({
        inventoryItemId: product.variants[0]?.inventoryItemId ?? '',
        locationId: location.id,
        available: 10,
      });
    }
  }

  const clock = () => new Date();
  await syncRegistry(
    database.storage,
    [
      { handle: 'store-a', kind: 'store', timeZone: 'Australia/Sydney', id: storeA.id },
      { handle: 'store-b', kind: 'store', timeZone: 'America/Chicago', id: storeB.id },
      { handle: 'warehouse', kind: 'warehouse', timeZone: 'UTC', id: warehouse.id },
    ].map((l) =>
      locationSettingsSchema.parse({
        handle: l.handle,
        kind: l.kind,
        timeZone: l.timeZone,
        shopifyLocationId: l.id,
      }),
    ),
    clock(),
  );

  const processor = new DeliveryProcessor({
    storage: database.storage,
    metrics: new Metrics(),
    logger: silentLogger(),
    clock,
    coalesceWindowMs: 0,
    onReadsQueued: () => undefined,
  });
  const lookup = new ShopifyOrderLookup(shopifyTestClient(sandbox.url, clock));
  const tagWrites: { orderId: string; tags: readonly string[] }[] = [];
  const worker = new AttributionWorker({
    storage: database.storage,
    lookup: {
      readOrder: (id) => lookup.readOrder(id),
      orderOfFulfilmentOrder: (id) => lookup.orderOfFulfilmentOrder(id),
      addTags: async (orderId, tags) => {
        tagWrites.push({ orderId, tags });
        await lookup.addTags(orderId, tags);
      },
    },
    clock,
    logger: silentLogger(),
    rules: defaultCreditRules,
    writeTags: () => options.writeTags ?? true,
  });

  let pumped = 0;
  const pump = async (copies = 1) => {
    await sandbox.webhooks.idle();
    const fresh = sandbox.webhooks.deliveries().slice(pumped);
    pumped += fresh.length;
    for (const delivery of fresh) {
      for (let copy = 0; copy < copies; copy += 1) {
        await recordDelivery(
          database.storage,
          {
            shop: SHOP,
            topic: delivery.topic,
            // Another subscription to the same topic: a new webhook id, the same body.
            webhookId: copy === 0 ? delivery.webhookId : `${delivery.webhookId}-copy-${copy}`,
            eventId: delivery.eventId,
            triggeredAt: delivery.triggeredAt.toISOString(),
            apiVersion: '2026-04',
            body: delivery.body ?? '{}',
          },
          new Date(),
        );
      }
    }
    while ((await processor.processBatch()) > 0);
  };

  /** Pumps and runs the worker until nothing is due (bounded). */
  const settle = async () => {
    for (let round = 0; round < 10; round += 1) {
      await pump();
      const worked = await worker.runOnce();
      if (worked === 0 && sandbox.webhooks.deliveries().length === pumped) return;
    }
    throw new Error('attribution did not settle in 10 rounds');
  };

  /** Net credit per `credit/party/partyRef` of one order, from the ledger. */
  const ledger = async (orderId: string) => {
    const rows = await attributionDb(database.storage.db)
      .selectFrom('attribution_entries')
      .selectAll()
      .where('order_id', '=', orderId)
      .execute();
    const totals: Record<string, number> = {};
    for (const row of rows) {
      const key = `${row.credit}/${row.party}/${row.party_ref ?? '-'}`;
      totals[key] = (totals[key] ?? 0) + Number(row.amount_minor);
    }
    return { totals, rows };
  };

  return {
    database,
    sandbox,
    worker,
    lookup,
    tagWrites,
    ids: { storeA: storeA.id, storeB: storeB.id, warehouse: warehouse.id },
    pump,
    settle,
    ledger,
    close: async () => {
      await sandbox.close();
      await database.close();
    },
  };
}
