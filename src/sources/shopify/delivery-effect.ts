import type { FactKind } from '../../domain/movements/classify-change.js';

/**
 * What a delivery means, before it touches storage. Inventory-touching topics yield signals
 * (levels to re-read); order, refund and fulfilment payloads also yield facts, which never
 * change stock themselves. Product topics yield only the product's tags for its items.
 */
export type DeliveryEffect =
  | { kind: 'ignored'; reason: string }
  | {
      kind: 'apply';
      signals: Signal[];
      facts: FactInput[];
      order: OrderInput | null;
      item: ItemInput | null;
      deletedItemId: string | null;
    }
  | { kind: 'product_tags'; productTags: ProductTagsInput };

/** A level (or every level of an item, location '*') to re-read, named the way the payload can. */
export type Signal =
  | { by: 'item'; shopifyItemId: string; shopifyLocationId: string }
  | { by: 'variant'; variantId: string | null; sku: string | null; shopifyLocationId: string }
  | { by: 'line_item'; lineItemId: string; shopifyLocationId: string }
  | {
      by: 'lookup';
      resource: 'FulfillmentOrder' | 'InventoryTransfer' | 'InventoryShipment';
      id: string;
    };

export interface FactInput {
  kind: FactKind | 'refund_none';
  ref: string;
  lineRef: string;
  orderId: string | null;
  variantId: string | null;
  lineItemId: string | null;
  sku: string | null;
  shopifyLocationId: string | null;
  quantity: number;
  occurredAt: string;
}

export interface OrderInput {
  id: string;
  name: string | null;
  sourceName: string | null;
  shopifyLocationId: string | null;
  staffId: string | null;
  cartToken: string | null;
  createdAt: string | null;
  cancelledAt: string | null;
}

export interface ItemInput {
  shopifyItemId: string;
  sku: string | null;
  tracked: boolean;
  costCents: number | null;
}

/** A product's tags as of its `updated_at`, and the variants whose items carry them. */
export interface ProductTagsInput {
  shopifyProductId: string;
  tags: string[];
  /** The product's `updated_at` (UTC ISO-8601): a delivery older than the one applied is stale. */
  updatedAt: string;
  variantIds: string[];
  inventoryItemIds: string[];
}
