import { IdSequence } from './id-sequence.js';
import { newLevel } from './inventory-level.js';
import type { LevelRecord } from './inventory-level.js';
import type {
  AdjustmentGroupRecord,
  FulfillmentOrderRecord,
  FulfillmentRecord,
  InventoryItemRecord,
  LocationRecord,
  OrderRecord,
  ProductRecord,
  RefundRecord,
  TransferRecord,
  VariantRecord,
} from './records.js';
import { SandboxError } from './sandbox-error.js';

/**
 * Everything the fake shop knows, in memory. Maps keep insertion order, which is also the order
 * Shopify's connections list things in when no sort key is given.
 */
export class ShopState {
  readonly locations = new Map<string, LocationRecord>();
  readonly products = new Map<string, ProductRecord>();
  readonly variants = new Map<string, VariantRecord>();
  readonly items = new Map<string, InventoryItemRecord>();
  readonly orders = new Map<string, OrderRecord>();
  readonly fulfillmentOrders = new Map<string, FulfillmentOrderRecord>();
  readonly fulfillments = new Map<string, FulfillmentRecord>();
  readonly refunds = new Map<string, RefundRecord>();
  readonly transfers = new Map<string, TransferRecord>();
  readonly adjustmentGroups = new Map<string, AdjustmentGroupRecord>();
  private readonly levelsByKey = new Map<string, LevelRecord>();
  private orderNumber = 1000;

  constructor(readonly ids: IdSequence = new IdSequence()) {}

  nextOrderNumber(): number {
    this.orderNumber += 1;
    return this.orderNumber;
  }

  level(inventoryItemId: string, locationId: string): LevelRecord | undefined {
    return this.levelsByKey.get(levelKey(inventoryItemId, locationId));
  }

  connect(inventoryItemId: string, locationId: string, at: Date): LevelRecord {
    const existing = this.level(inventoryItemId, locationId);
    if (existing) return existing;
    const level = newLevel(inventoryItemId, locationId, at);
    this.levelsByKey.set(levelKey(inventoryItemId, locationId), level);
    return level;
  }

  disconnect(inventoryItemId: string, locationId: string): LevelRecord | undefined {
    const level = this.level(inventoryItemId, locationId);
    this.levelsByKey.delete(levelKey(inventoryItemId, locationId));
    return level;
  }

  allLevels(): LevelRecord[] {
    return [...this.levelsByKey.values()];
  }

  levelsOfItem(inventoryItemId: string): LevelRecord[] {
    return this.allLevels().filter((level) => level.inventoryItemId === inventoryItemId);
  }

  levelsAtLocation(locationId: string): LevelRecord[] {
    return this.allLevels().filter((level) => level.locationId === locationId);
  }

  locationsByPriority(): LocationRecord[] {
    return [...this.locations.values()].sort((a, b) => a.priority - b.priority);
  }

  requireLocation(id: string): LocationRecord {
    return required(this.locations.get(id), 'location', id);
  }

  requireProduct(id: string): ProductRecord {
    return required(this.products.get(id), 'product', id);
  }

  requireVariant(id: string): VariantRecord {
    return required(this.variants.get(id), 'variant', id);
  }

  requireItem(id: string): InventoryItemRecord {
    return required(this.items.get(id), 'inventory item', id);
  }

  requireOrder(id: string): OrderRecord {
    return required(this.orders.get(id), 'order', id);
  }

  requireTransfer(id: string): TransferRecord {
    return required(this.transfers.get(id), 'transfer', id);
  }

  fulfillmentOrdersOf(order: OrderRecord): FulfillmentOrderRecord[] {
    return order.fulfillmentOrderIds.map((id) =>
      required(this.fulfillmentOrders.get(id), 'fulfillment order', id),
    );
  }

  variantBySku(sku: string): VariantRecord | undefined {
    for (const variant of this.variants.values()) if (variant.sku === sku) return variant;
    return undefined;
  }
}

function levelKey(inventoryItemId: string, locationId: string): string {
  return `${inventoryItemId}@${locationId}`;
}

function required<T>(value: T | undefined, what: string, id: string): T {
  if (value === undefined)
    throw new SandboxError('not_found', `No ${what} with id ${id} in the sandbox shop.`);
  return value;
}
