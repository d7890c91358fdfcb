import { TrueshelfError } from '../../shared/error-catalogue.js';
import { numericId, toGid } from '../../shared/shopify-gid.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';
import type { FulfilmentOrderNode } from './read-order-facts.js';

export interface ShopifyOrderView {
  tags: string[];
  fulfilmentOrders: FulfilmentOrderNode[];
}

const FULFILMENT_ORDERS_PAGE = 5;
const LINES_PAGE = 20;
const MORE_LINES_PAGE = 100;

// Requested cost, as Shopify counts it: 3 + 5 × (4 + 2 + 20 × 2) = 233; the unused part comes back.
const ORDER_QUERY = `query AttributionOrder($id: ID!, $after: String) {
  order(id: $id) {
    id
    tags
    fulfillmentOrders(first: ${FULFILMENT_ORDERS_PAGE}, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        status
        deliveryMethod { methodType }
        assignedLocation { location { id } }
        lineItems(first: ${LINES_PAGE}) {
          pageInfo { hasNextPage endCursor }
          nodes { totalQuantity lineItem { id } }
        }
      }
    }
  }
}`;

// 2 + 100 × 2 = 202.
const MORE_LINES_QUERY = `query AttributionFulfillmentOrderLines($id: ID!, $after: String) {
  fulfillmentOrder(id: $id) {
    lineItems(first: ${MORE_LINES_PAGE}, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { totalQuantity lineItem { id } }
    }
  }
}`;

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

type LineNode = FulfilmentOrderNode['lineItems']['nodes'][number];

interface PagedFulfilmentOrder extends Omit<FulfilmentOrderNode, 'lineItems'> {
  lineItems: { pageInfo: PageInfo; nodes: LineNode[] };
}

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

  /**
   * The order's tags and every fulfilment order with every line: the fulfilment orders a page
   * of 5 at a time, and the lines of one past its first 20 a page of 100 at a time.
   */
  async readOrder(orderId: string): Promise<ShopifyOrderView | null> {
    let tags: string[] | undefined;
    const fulfilmentOrders: FulfilmentOrderNode[] = [];
    let after: string | null = null;

    do {
      const result = await this.client.request<{
        order: {
          tags: string[];
          fulfillmentOrders: { pageInfo: PageInfo; nodes: PagedFulfilmentOrder[] };
        } | null;
      }>(
        'attribution_order',
        ORDER_QUERY,
        { id: toGid('Order', orderId), after },
        233,
        'background',
      );
      const order = result.data.order;
      if (!order) return null;

      tags = order.tags;
      for (const node of order.fulfillmentOrders.nodes) {
        fulfilmentOrders.push(await this.withEveryLine(node));
      }
      after = nextCursor(order.fulfillmentOrders.pageInfo);
    } while (after !== null);

    return { tags: tags ?? [], fulfilmentOrders };
  }

  /** The fulfilment order with the lines past its first page read too. */
  private async withEveryLine(node: PagedFulfilmentOrder): Promise<FulfilmentOrderNode> {
    const lines = [...node.lineItems.nodes];
    let after = nextCursor(node.lineItems.pageInfo);

    while (after !== null) {
      const result = await this.client.request<{
        fulfillmentOrder: { lineItems: { pageInfo: PageInfo; nodes: LineNode[] } } | null;
      }>(
        'attribution_fulfillment_order_lines',
        MORE_LINES_QUERY,
        { id: node.id, after },
        202,
        'background',
      );
      const page = result.data.fulfillmentOrder?.lineItems;
      if (!page) {
        throw new TrueshelfError(
          'shopify_api_error',
          `Shopify returned no fulfilment order ${node.id} while paging its lines`,
          { operation: 'attribution_fulfillment_order_lines', fulfilmentOrderId: node.id },
        );
      }
      lines.push(...page.nodes);
      after = nextCursor(page.pageInfo);
    }

    return { ...node, lineItems: { nodes: lines } };
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

function nextCursor(pageInfo: PageInfo): string | null {
  return pageInfo.hasNextPage ? pageInfo.endCursor : null;
}
