import { WorkLoop } from '../../app/work-loop.js';
import type { TrueshelfConfig } from '../../config/config-schema.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';
import type { Storage } from '../../storage/storage.js';
import { attributionDb } from './attribution-database.js';
import { AttributionWorker } from './attribution-worker.js';
import { ShopifyOrderLookup } from './shopify-order-lookup.js';

/**
 * The attribution worker and its loop, from config. Tags are written only while the Shopify
 * channel publishes: in shadow, trueshelf computes and records and sends nothing.
 */
export function createAttributionLoop(
  config: Readonly<TrueshelfConfig>,
  deps: { storage: Storage; shopify: ShopifyAdminClient; clock: Clock; logger: Logger },
): WorkLoop {
  const logger = deps.logger.child({ scope: 'attribution' });
  const worker = new AttributionWorker({
    storage: deps.storage,
    lookup: new ShopifyOrderLookup(deps.shopify),
    clock: deps.clock,
    logger,
    rules: config.attribution.creditRules,
    writeTags: () => config.attribution.tagOrders && config.shopify.mode === 'publish',
  });
  return new WorkLoop(
    'attribution',
    () => worker.runOnce(),
    config.attribution.pollIntervalMs,
    logger,
  );
}

/** Orders due for attribution now (for `drainWork`). */
export async function countDueAttributions(storage: Storage, now: Date): Promise<number> {
  const row = await attributionDb(storage.db)
    .selectFrom('attribution_orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .where('due_at', '<=', now.toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
