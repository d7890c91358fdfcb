import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { parseJsonWithBigIds } from '../../shared/parse-json-with-big-ids.js';
import type { DeliveryEffect } from '../../sources/shopify/delivery-effect.js';
import { PayloadReader } from '../../sources/shopify/payload-reader.js';
import type { Database } from '../../storage/database-schema.js';
import { attributionDb } from './attribution-database.js';
import type { AttributionDb } from './attribution-database.js';

const ORDER_TOPICS = new Set(['orders/create', 'orders/updated', 'orders/cancelled']);

/**
 * Inside the delivery's transaction: keeps what attribution needs from order, refund,
 * fulfilment and fulfilment-order deliveries, and marks the order due when that changed. Each
 * step is one statement with its condition inside it, so two instances applying deliveries of
 * one order at once lose nothing. An `orders/updated` that changes only tags and `updated_at`
 * (the echo of our own `tagsAdd`, or Shopify's noise) leaves the order as it was.
 */
export async function recordAttributionSignals(
  trx: Kysely<Database>,
  effect: Extract<DeliveryEffect, { kind: 'apply' }>,
  context: { deliveryId: string; now: string },
): Promise<void> {
  const fulfilmentOrderIds = effect.signals.flatMap((signal) =>
    signal.by === 'lookup' && signal.resource === 'FulfillmentOrder' ? [signal.id] : [],
  );
  const orderIds = new Set(effect.facts.flatMap((fact) => (fact.orderId ? [fact.orderId] : [])));
  if (!effect.order && orderIds.size === 0 && fulfilmentOrderIds.length === 0) return;

  const db = attributionDb(trx);
  const delivery = await db
    .selectFrom('deliveries')
    .select(['topic', 'body'])
    .where('id', '=', context.deliveryId)
    .executeTakeFirst();
  if (!delivery) return;
  const { topic } = delivery;

  if (ORDER_TOPICS.has(topic) && effect.order) {
    await recordOrderPayload(db, delivery.body, context.now);
  } else if (topic === 'refunds/create' || topic.startsWith('fulfillments/')) {
    const body = PayloadReader.root(parseJsonWithBigIds(delivery.body), topic);
    const kind = topic === 'refunds/create' ? 'refund' : 'fulfillment';
    await recordExtra(db, kind, body.id('id'), body.id('order_id'), delivery.body, context.now);
  } else if (topic === 'orders/edited') {
    for (const orderId of orderIds) await markDue(db, orderId, context.now);
  }

  for (const id of fulfilmentOrderIds) {
    await db
      .insertInto('attribution_fulfilment_orders')
      .values({ fulfillment_order_id: id, order_id: null, signalled_at: context.now, attempts: 0 })
      .onConflict((oc) =>
        oc.column('fulfillment_order_id').doUpdateSet({ signalled_at: context.now, attempts: 0 }),
      )
      .execute();
    await db
      .updateTable('attribution_orders')
      .set(dueSet(context.now))
      .where('order_id', 'in', (eb) =>
        eb
          .selectFrom('attribution_fulfilment_orders')
          .select('order_id')
          .where('fulfillment_order_id', '=', id)
          .where('order_id', 'is not', null),
      )
      .execute();
  }
}

async function recordOrderPayload(db: AttributionDb, body: string, now: string): Promise<void> {
  const parsed = parseJsonWithBigIds(body) as Record<string, unknown>;
  const order = PayloadReader.root(parsed, 'order');
  const orderId = order.id('id');
  // An `updated_at` the inbox could not read must not hold up stock: the order counts as new.
  const updatedAt = Date.parse(String(parsed['updated_at'] ?? ''))
    ? new Date(String(parsed['updated_at'])).toISOString()
    : now;
  await ensureOrder(db, orderId, now);

  const applied = await db
    .updateTable('attribution_orders')
    .set({
      payload: body,
      payload_updated_at: updatedAt,
      order_name: order.string('name'),
      updated_at: now,
    })
    .where('order_id', '=', orderId)
    .where((eb) =>
      eb.or([eb('payload_updated_at', 'is', null), eb('payload_updated_at', '<=', updatedAt)]),
    )
    .executeTakeFirst();
  if (Number(applied.numUpdatedRows) === 0) return;

  const fingerprint = fingerprintOf(parsed);
  await db
    .updateTable('attribution_orders')
    .set({ ...dueSet(now), fingerprint })
    .where('order_id', '=', orderId)
    .where((eb) => eb.or([eb('fingerprint', 'is', null), eb('fingerprint', '<>', fingerprint)]))
    .execute();
}

async function recordExtra(
  db: AttributionDb,
  kind: 'refund' | 'fulfillment',
  ref: string,
  orderId: string,
  body: string,
  now: string,
): Promise<void> {
  await ensureOrder(db, orderId, now);
  const inserted = await db
    .insertInto('attribution_order_extras')
    .values({ kind, ref, order_id: orderId, body, received_at: now })
    // A later body of the same fulfilment (`fulfillments/update`, now cancelled) replaces it.
    .onConflict((oc) =>
      oc
        .columns(['kind', 'ref'])
        .doUpdateSet({ body, received_at: now })
        .where('attribution_order_extras.body', '<>', body),
    )
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) await markDue(db, orderId, now);
}

async function ensureOrder(db: AttributionDb, orderId: string, now: string): Promise<void> {
  await db
    .insertInto('attribution_orders')
    .values({
      order_id: orderId,
      order_name: null,
      payload: null,
      payload_updated_at: null,
      fingerprint: null,
      version: 0,
      status: 'pending',
      due_at: now,
      attempts: 0,
      claimed_until: null,
      last_error: null,
      classes: null,
      tags_wanted: null,
      tags_written: null,
      tagged_at: null,
      attributed_at: null,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('order_id').doNothing())
    .execute();
}

async function markDue(db: AttributionDb, orderId: string, now: string): Promise<void> {
  await db
    .updateTable('attribution_orders')
    .set(dueSet(now))
    .where('order_id', '=', orderId)
    .execute();
}

/** Marks the order due now, at a new version (the worker finishes only the version it read). */
function dueSet(now: string) {
  return {
    version: sql<number>`version + 1`,
    status: 'pending',
    due_at: now,
    attempts: 0,
    updated_at: now,
  };
}

/** The payload without what a tag write changes, canonical (keys sorted) and hashed. */
export function fingerprintOf(payload: Record<string, unknown>): string {
  const { tags: _tags, updated_at: _updatedAt, ...rest } = payload;
  return createHash('sha256').update(canonical(rest)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
