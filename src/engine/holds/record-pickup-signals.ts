import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.js';
import { holdsDb } from './holds-database.js';

const READY_TOPIC = 'fulfillment_orders/line_items_prepared_for_pickup';

/**
 * Inside the delivery's transaction: a fulfilment-order webhook names only the fulfilment order,
 * so it is queued for one Admin API lookup (pickup or not, which store, which order); one from
 * `line_items_prepared_for_pickup` also marks the order ready as of now. A cancelled order
 * that is a pickup is marked cancelled, and its fulfilment order looked up again for the reason.
 */
export async function recordPickupSignals(
  trx: Kysely<Database>,
  signal: {
    deliveryId: string;
    fulfillmentOrderIds: readonly string[];
    cancelledOrderId: string | null;
  },
  now: string,
): Promise<void> {
  const db = holdsDb(trx);

  if (signal.cancelledOrderId) {
    const pickup = await db
      .updateTable('pickup_orders')
      .set({ cancelled_at: now, updated_at: now })
      .where('order_id', '=', signal.cancelledOrderId)
      .where('cancelled_at', 'is', null)
      .returning('fulfillment_order_id')
      .executeTakeFirst();
    if (pickup?.fulfillment_order_id) {
      await db
        .updateTable('pickup_lookups')
        .set({ resolved_at: null, attempts: 0 })
        .where('fulfillment_order_id', '=', pickup.fulfillment_order_id)
        .execute();
    }
  }

  if (signal.fulfillmentOrderIds.length === 0) return;
  const delivery = await db
    .selectFrom('deliveries')
    .select('topic')
    .where('id', '=', signal.deliveryId)
    .executeTakeFirst();
  const readyAt = delivery?.topic === READY_TOPIC ? now : null;

  for (const id of signal.fulfillmentOrderIds) {
    // A pickup order already linked to this fulfilment order needs no lookup.
    const known = await db
      .updateTable('pickup_orders')
      .set((eb) => ({ ready_at: eb.fn.coalesce('ready_at', eb.val(readyAt)), updated_at: now }))
      .where('fulfillment_order_id', '=', id)
      .executeTakeFirst();
    if (Number(known.numUpdatedRows) > 0) continue;

    await db
      .insertInto('pickup_lookups')
      .values({
        fulfillment_order_id: id,
        ready_signal_at: readyAt,
        signalled_at: now,
        resolved_at: null,
      })
      .onConflict((oc) =>
        oc.column('fulfillment_order_id').doUpdateSet((eb) => ({
          ready_signal_at: eb.fn.coalesce(
            'pickup_lookups.ready_signal_at',
            'excluded.ready_signal_at',
          ),
          signalled_at: now,
          resolved_at: null,
          attempts: 0,
        })),
      )
      .execute();
  }
}
