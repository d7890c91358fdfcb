import type { Kysely } from 'kysely';
import type { DeliveryEffect } from '../../sources/shopify/delivery-effect.js';
import type { Database } from '../../storage/database-schema.js';
import { enqueueRead } from '../mirror/enqueue-read.js';
import { convertOrderHolds } from './convert-order-holds.js';
import type { LevelRef } from './held-units.js';
import { recordPickupSignals } from './record-pickup-signals.js';

/**
 * What a delivery means for holds and pickups, inside the delivery's transaction: an order
 * carrying a cart converts its hold (the levels whose held units changed are queued for a
 * re-read, whose decision then moves Shopify's `reserved` units back), and fulfilment-order
 * and cancellation signals feed the pickup queue.
 */
export async function applyOrderToHolds(
  trx: Kysely<Database>,
  effect: Extract<DeliveryEffect, { kind: 'apply' }>,
  context: { deliveryId: string; now: string; signalAt: string },
): Promise<void> {
  const order = effect.order;
  if (order && !order.cancelledAt) {
    const levels = await convertOrderHolds(trx, order, context.now);
    await queueReads(trx, levels, context);
  }

  const fulfillmentOrderIds = effect.signals.flatMap((signal) =>
    signal.by === 'lookup' && signal.resource === 'FulfillmentOrder' ? [signal.id] : [],
  );
  await recordPickupSignals(
    trx,
    {
      deliveryId: context.deliveryId,
      fulfillmentOrderIds,
      cancelledOrderId: order?.cancelledAt ? order.id : null,
    },
    context.now,
  );
}

async function queueReads(
  trx: Kysely<Database>,
  levels: readonly LevelRef[],
  context: { now: string; signalAt: string },
): Promise<void> {
  for (const level of levels) {
    const ids = await trx
      .selectFrom('levels')
      .innerJoin('items', 'items.id', 'levels.item_id')
      .innerJoin('locations', 'locations.handle', 'levels.location_handle')
      .select([
        'items.shopify_inventory_item_id as item',
        'locations.shopify_location_id as location',
      ])
      .where('levels.item_id', '=', level.itemId)
      .where('levels.location_handle', '=', level.locationHandle)
      .executeTakeFirst();
    if (!ids?.item || !ids.location) continue;
    await enqueueRead(trx, {
      shopifyItemId: ids.item,
      shopifyLocationId: ids.location,
      signalAt: context.signalAt,
      dueAt: context.now,
    });
  }
}
