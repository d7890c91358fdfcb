import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DeliveryEffect, FactInput, Signal } from '../../sources/shopify/delivery-effect.js';
import type { Database } from '../../storage/database-schema.js';
import { recordAttributionSignals } from '../attribution/record-attribution-signals.js';
import { applyOrderToHolds } from '../holds/apply-order-to-holds.js';
import { enqueueRead, lookupKey } from '../mirror/enqueue-read.js';
import { itemIdFor } from '../registry/ensure-mirrored-entities.js';

export interface ApplyContext {
  deliveryId: string;
  now: string;
  signalAt: string;
  coalesceWindowMs: number;
}

/**
 * Stores what a delivery says, inside the caller's transaction: item attributes, the order,
 * facts (once each, by their natural key) and the re-reads it calls for. Stock is never changed
 * here: only a re-read changes a level (converting a hold changes what trueshelf holds, not
 * what Shopify counts). Returns the signals that named nothing we know.
 */
export async function applyDeliveryEffect(
  trx: Kysely<Database>,
  effect: Extract<DeliveryEffect, { kind: 'apply' }>,
  context: ApplyContext,
): Promise<{ unresolved: number }> {
  if (effect.item) await upsertItem(trx, effect.item, context.now);
  if (effect.deletedItemId) {
    await trx
      .updateTable('items')
      .set({ deleted_at: context.now })
      .where('shopify_inventory_item_id', '=', effect.deletedItemId)
      .execute();
  }
  if (effect.order) await upsertOrder(trx, effect.order, context.now);

  for (const fact of effect.facts) await insertFact(trx, fact, context.deliveryId);
  // An order carrying a cart converts its hold; fulfilment-order signals feed the pickup queue.
  await applyOrderToHolds(trx, effect, context);
  // Orders, refunds, fulfilments and fulfilment orders are facts for attribution too.
  await recordAttributionSignals(trx, effect, context);

  let unresolved = 0;
  const dueAt = new Date(Date.parse(context.now) + context.coalesceWindowMs).toISOString();
  for (const signal of effect.signals) {
    const keys = await resolveSignal(trx, signal);
    if (keys.length === 0) unresolved += 1;
    for (const key of keys) await enqueueRead(trx, { ...key, signalAt: context.signalAt, dueAt });
  }
  return { unresolved };
}

async function resolveSignal(
  trx: Kysely<Database>,
  signal: Signal,
): Promise<{ shopifyItemId: string; shopifyLocationId: string }[]> {
  switch (signal.by) {
    case 'item':
      return [{ shopifyItemId: signal.shopifyItemId, shopifyLocationId: signal.shopifyLocationId }];
    case 'lookup':
      return [{ shopifyItemId: lookupKey(signal.resource, signal.id), shopifyLocationId: '*' }];
    case 'variant': {
      const item = await findItemByVariantOrSku(trx, signal.variantId, signal.sku);
      return item?.shopify_inventory_item_id
        ? [
            {
              shopifyItemId: item.shopify_inventory_item_id,
              shopifyLocationId: signal.shopifyLocationId,
            },
          ]
        : [];
    }
    case 'line_item': {
      const row = await trx
        .selectFrom('fact_lines')
        .innerJoin('items', 'items.id', 'fact_lines.item_id')
        .select('items.shopify_inventory_item_id')
        .where('fact_lines.kind', '=', 'order')
        .where('fact_lines.line_ref', '=', signal.lineItemId)
        .executeTakeFirst();
      return row?.shopify_inventory_item_id
        ? [
            {
              shopifyItemId: row.shopify_inventory_item_id,
              shopifyLocationId: signal.shopifyLocationId,
            },
          ]
        : [];
    }
  }
}

async function findItemByVariantOrSku(
  trx: Kysely<Database>,
  variantId: string | null,
  sku: string | null,
) {
  if (variantId) {
    const byVariant = await trx
      .selectFrom('items')
      .selectAll()
      .where('shopify_variant_id', '=', variantId)
      .executeTakeFirst();
    if (byVariant) return byVariant;
  }
  if (!sku) return null;
  // A SKU can be blank or shared: only a unique match is trusted.
  const bySku = await trx
    .selectFrom('items')
    .selectAll()
    .where('sku', '=', sku)
    .where('deleted_at', 'is', null)
    .limit(2)
    .execute();
  return bySku.length === 1 ? (bySku[0] ?? null) : null;
}

async function insertFact(
  trx: Kysely<Database>,
  fact: FactInput,
  deliveryId: string,
): Promise<void> {
  const item =
    fact.variantId || fact.sku
      ? await findItemByVariantOrSku(trx, fact.variantId, fact.sku)
      : fact.lineItemId
        ? await trx
            .selectFrom('fact_lines')
            .innerJoin('items', 'items.id', 'fact_lines.item_id')
            .selectAll('items')
            .where('fact_lines.kind', '=', 'order')
            .where('fact_lines.line_ref', '=', fact.lineItemId)
            .executeTakeFirst()
        : null;
  const location = fact.shopifyLocationId
    ? await trx
        .selectFrom('locations')
        .select('handle')
        .where('shopify_location_id', '=', fact.shopifyLocationId)
        .executeTakeFirst()
    : undefined;

  await trx
    .insertInto('fact_lines')
    .values({
      id: randomUUID(),
      kind: fact.kind,
      ref: fact.ref,
      line_ref: fact.lineRef,
      order_id: fact.orderId,
      item_id: item?.id ?? null,
      location_handle: location?.handle ?? null,
      quantity: fact.quantity,
      matched: 0,
      occurred_at: fact.occurredAt,
      delivery_id: deliveryId,
    })
    .onConflict((oc) => oc.columns(['kind', 'ref', 'line_ref']).doNothing())
    .execute();
}

async function upsertItem(
  trx: Kysely<Database>,
  item: NonNullable<Extract<DeliveryEffect, { kind: 'apply' }>['item']>,
  now: string,
): Promise<void> {
  const values = {
    sku: item.sku,
    tracked: item.tracked ? 1 : 0,
    cost_cents: item.costCents,
    updated_at: now,
    deleted_at: null,
  };
  await trx
    .insertInto('items')
    .values({
      id: itemIdFor(item.shopifyItemId),
      shopify_inventory_item_id: item.shopifyItemId,
      barcode: null,
      title: null,
      shopify_variant_id: null,
      inventory_policy: null,
      category: null,
      price_cents: null,
      ...values,
    })
    .onConflict((oc) => oc.column('shopify_inventory_item_id').doUpdateSet(values))
    .execute();
}

async function upsertOrder(
  trx: Kysely<Database>,
  order: NonNullable<Extract<DeliveryEffect, { kind: 'apply' }>['order']>,
  now: string,
): Promise<void> {
  const location = order.shopifyLocationId
    ? await trx
        .selectFrom('locations')
        .select('handle')
        .where('shopify_location_id', '=', order.shopifyLocationId)
        .executeTakeFirst()
    : undefined;
  const values = {
    name: order.name,
    source_name: order.sourceName,
    location_handle: location?.handle ?? null,
    staff_id: order.staffId,
    cart_token: order.cartToken,
    created_at: order.createdAt,
    cancelled_at: order.cancelledAt,
    updated_at: now,
  };
  await trx
    .insertInto('orders')
    .values({ id: order.id, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}
