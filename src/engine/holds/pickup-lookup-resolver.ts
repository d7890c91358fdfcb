import { numericId, toGid } from '../../shared/shopify-gid.js';
import type { Clock } from '../../shared/clock.js';
import { toError } from '../../shared/error-catalogue.js';
import type { Logger } from '../../shared/logger.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';
import type { Storage } from '../../storage/storage.js';
import { holdsDb } from './holds-database.js';
import type { HoldsDb } from './holds-database.js';

export interface PickupLookupResolverOptions {
  storage: Storage;
  client: ShopifyAdminClient;
  clock: Clock;
  logger: Logger;
  batchSize?: number;
}

const LOOKUP = `query PickupFulfillmentOrder($id: ID!) {
  node(id: $id) {
    ... on FulfillmentOrder {
      status
      deliveryMethod { methodType }
      assignedLocation { location { id } }
      order { id createdAt cancelledAt cancelReason }
    }
  }
}`;

const MAX_ATTEMPTS = 5;

/**
 * Looks up the fulfilment orders that webhooks named (see `recordPickupSignals`), one small
 * query each: a PICK_UP one becomes (or updates) a pickup order at its assigned store, with
 * the ready mark, the cancellation and its reason (Shopify's `INVENTORY` is the one the audit
 * lists as a cause). Others are marked resolved and forgotten. Fits `WorkLoop`.
 */
export class PickupLookupResolver {
  constructor(private readonly options: PickupLookupResolverOptions) {}

  async runOnce(): Promise<number> {
    const db = holdsDb(this.options.storage.db);
    const due = await db
      .selectFrom('pickup_lookups')
      .selectAll()
      .where('resolved_at', 'is', null)
      .where('attempts', '<', MAX_ATTEMPTS)
      .orderBy('signalled_at')
      .limit(this.options.batchSize ?? 20)
      .execute();

    for (const lookup of due) {
      try {
        await this.resolve(db, lookup);
      } catch (thrown) {
        const error = toError(thrown, 'pickup lookup');
        this.options.logger.warn(
          { err: error, fulfillmentOrder: lookup.fulfillment_order_id },
          'pickup lookup failed',
        );
        await db
          .updateTable('pickup_lookups')
          .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
          .where('fulfillment_order_id', '=', lookup.fulfillment_order_id)
          .execute();
      }
    }
    return due.length;
  }

  private async resolve(
    db: HoldsDb,
    lookup: { fulfillment_order_id: string; ready_signal_at: string | null; signalled_at: string },
  ) {
    const fulfillmentOrderId = lookup.fulfillment_order_id;
    const readyAt = lookup.ready_signal_at;
    const result = await this.options.client.request<{ node: FulfillmentOrderNode | null }>(
      'pickup_lookup',
      LOOKUP,
      { id: toGid('FulfillmentOrder', fulfillmentOrderId) },
      5,
    );
    const node = result.data.node;
    const now = this.options.clock().toISOString();
    const orderId = numericId(node?.order?.id);

    if (node?.deliveryMethod?.methodType === 'PICK_UP' && node.order && orderId) {
      const shopifyLocation = numericId(node.assignedLocation?.location?.id);
      const location = shopifyLocation
        ? await db
            .selectFrom('locations')
            .select('handle')
            .where('shopify_location_id', '=', shopifyLocation)
            .executeTakeFirst()
        : undefined;
      const values = {
        location_handle: location?.handle ?? null,
        fulfillment_order_id: fulfillmentOrderId,
        cancelled_at: node.order.cancelledAt
          ? new Date(node.order.cancelledAt).toISOString()
          : null,
        cancel_reason: node.order.cancelReason?.toLowerCase() ?? null,
        updated_at: now,
      };
      await db
        .insertInto('pickup_orders')
        .values({
          order_id: orderId,
          hold_id: null,
          ordered_at: new Date(node.order.createdAt).toISOString(),
          ready_at: readyAt,
          picked_up_at: null,
          ...values,
        })
        .onConflict((oc) =>
          oc.column('order_id').doUpdateSet((eb) => ({
            ...values,
            ready_at: eb.fn.coalesce('pickup_orders.ready_at', eb.val(readyAt)),
          })),
        )
        .execute();
    }

    await db
      .updateTable('pickup_lookups')
      .set({ resolved_at: now })
      .where('fulfillment_order_id', '=', fulfillmentOrderId)
      // A signal that arrived during the lookup keeps the row due.
      .where('signalled_at', '=', lookup.signalled_at)
      .execute();
  }
}

interface FulfillmentOrderNode {
  status?: string;
  deliveryMethod?: { methodType: string } | null;
  assignedLocation?: { location: { id: string } | null } | null;
  order?: {
    id: string;
    createdAt: string;
    cancelledAt: string | null;
    cancelReason: string | null;
  } | null;
}
