import { TrueshelfError } from '../../shared/error-catalogue.js';
import { numericId, toGid } from '../../shared/shopify-gid.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';
import type { FulfilmentOrderNode } from './read-order-facts.js';

export interface ShopifyOrderView {
  tags: string[];
  fulfilmentOrders: FulfilmentOrderNode[];
}

// Requested cost, as Shopify counts it: 3 + 5 × (4 + 2 + 20 × 2) = 233; the unused part comes back.
const ORDER_QUERY = `query AttributionOrder($id: ID!) {
  order(id: $id) {
    id
    tags
    fulfillmentOrders(first: 5) {
      nodes {
        id
        status
        deliveryMethod { methodType }
        assignedLocation { location { id } }
        lineItems(first: 20) { nodes { totalQuantity lineItem { id } } }
      }
    }
  }
}`;

const FULFILMENT_ORDER_QUERY = `query AttributionFulfillmentOrder($id: ID!) {
  fulfillmentOrder(id: $id) { id order { id } }
}`;

const TAGS_ADD = `mutation AttributionTags($id: ID!, $tags: [String!]!) {
  tagsAdd(id: $id, tags: $tags) { node { id } userErrors { field message } }
}`;

/**
 * The Admin API reads and the one write attribution needs: an order's tags and fulfilment
 * orders (where each unit leaves from: order payloads do not say, research §6), the order a
 * fulfilment order belongs to, and `tagsAdd`, which adds only tags not already there.
 */
export class ShopifyOrderLookup {
  constructor(private readonly client: ShopifyAdminClient) {}

  async readOrder(orderId: string): Promise<ShopifyOrderView | null> {
    const result = await this.client.request<{
      order: { tags: string[]; fulfillmentOrders: { nodes: FulfilmentOrderNode[] } } | null;
    }>('attribution_order', ORDER_QUERY, { id: toGid('Order', orderId) }, 233, 'background');
    const order = result.data.order;
    if (!order) return null;
    // TODO(paging): an order with more than 5 fulfilment orders or 20 lines in one is read
    // only that far; paging `pageInfo` would lift it.
    return { tags: order.tags, fulfilmentOrders: order.fulfillmentOrders.nodes };
  }

  async orderOfFulfilmentOrder(fulfilmentOrderId: string): Promise<string | null> {
    const result = await this.client.request<{
      fulfillmentOrder: { order: { id: string } | null } | null;
    }>(
      'attribution_fulfillment_order',
      FULFILMENT_ORDER_QUERY,
      {
        id: toGid('FulfillmentOrder', fulfilmentOrderId),
      },
      3,
      'background',
    );
    return numericId(result.data.fulfillmentOrder?.order?.id ?? null);
  }

  async addTags(orderId: string, tags: readonly string[]): Promise<void> {
    const result = await this.client.request<{
      tagsAdd: { userErrors: { field: string[] | null; message: string }[] } | null;
    }>('attribution_tags_add', TAGS_ADD, { id: toGid('Order', orderId), tags }, 10, 'background');
    const errors = result.data.tagsAdd?.userErrors ?? [];
    if (errors.length > 0) {
      throw new TrueshelfError(
        'shopify_api_error',
        `Shopify tagsAdd on order ${orderId} refused: ${errors.map((e) => e.message).join('; ')}`,
        { operation: 'attribution_tags_add', orderId },
      );
    }
  }
}
