import { formatDateTimeOrNull } from '../payloads/shop-time.js';
import { quantitiesOf } from '../state/inventory-level.js';
import type { LevelRecord } from '../state/inventory-level.js';
import { QUANTITY_NAMES } from '../state/quantity-names.js';
import type { QuantityName } from '../state/quantity-names.js';
import type { LocationRecord } from '../state/records.js';
import type { ShopState } from '../state/shop-state.js';
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher.js';
import { addTags } from './add-tags.js';
import type { TaggedResource } from './add-tags.js';
import { cancelOrder } from './cancel-order.js';
import type { CancelInput, CancelResult } from './cancel-order.js';
import * as catalog from './catalog-setup.js';
import type {
  CreatedProduct,
  LocationInput,
  ProductInput,
  QuantitySetInput,
} from './catalog-setup.js';
import type { CommerceContext } from './commerce-context.js';
import { editOrder } from './edit-order.js';
import type { EditOrderInput, EditOrderResult } from './edit-order.js';
import { fulfilOrder } from './fulfil-order.js';
import type { FulfilInput, FulfilResult } from './fulfil-order.js';
import { requireId, resolveLocation } from './input-refs.js';
import { receiveTransfer, shipTransfer } from './inventory-transfer.js';
import type { ReceiveInput, TransferInput, TransferResult } from './inventory-transfer.js';
import { MerchantAction } from './merchant-action.js';
import { placeOnlineOrder } from './online-order.js';
import type { OnlineOrderInput, OnlineOrderResult } from './online-order.js';
import { summarizeOrder } from './order-summary.js';
import type { OrderSummary } from './order-summary.js';
import { recordPosSale } from './pos-sale.js';
import type { PosSaleInput, PosSaleResult } from './pos-sale.js';
import { markReadyForPickup } from './ready-for-pickup.js';
import { refundOrder } from './refund-order.js';
import type { RefundInput, RefundResult } from './refund-order.js';

export interface LevelSnapshot {
  inventoryItemId: string;
  locationId: string;
  quantities: Record<QuantityName, number>;
  updatedAt: Record<QuantityName, string | null>;
}

/**
 * The sandbox shop's typed front: setup, reads, and the merchant and shopper actions, each of
 * which emits the webhooks Shopify would. The control endpoints call exactly these methods.
 */
export class SandboxStore {
  constructor(
    private readonly ctx: CommerceContext,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  get state(): ShopState {
    return this.ctx.state;
  }

  /** Runs one action; its webhooks leave once it has finished changing the state. */
  withAction<T>(run: (action: MerchantAction) => T): T {
    const action = new MerchantAction(this.ctx.random.uuid(), this.ctx.clock());
    try {
      return run(action);
    } finally {
      action.flush(this.dispatcher, this.ctx.payloads);
    }
  }

  createLocation(input: LocationInput): LocationRecord {
    return this.withAction((action) => catalog.createLocation(this.ctx, action, input));
  }

  updateLocation(ref: string, patch: Partial<LocationInput>): LocationRecord {
    return this.withAction((action) => catalog.updateLocation(this.ctx, action, ref, patch));
  }

  createProduct(input: ProductInput): CreatedProduct {
    return this.withAction((action) => catalog.createProduct(this.ctx, action, input));
  }

  updateInventoryItem(ref: string, patch: Parameters<typeof catalog.updateInventoryItem>[3]): void {
    this.withAction((action) => catalog.updateInventoryItem(this.ctx, action, ref, patch));
  }

  deleteVariant(ref: string): void {
    this.withAction((action) => catalog.deleteVariant(this.ctx, action, ref));
  }

  connectLevel(input: {
    inventoryItemId: string;
    locationId: string;
    available?: number;
  }): LevelSnapshot {
    this.withAction((action) => catalog.connectLevel(this.ctx, action, input));
    return this.requireLevel(input.inventoryItemId, input.locationId);
  }

  disconnectLevel(input: { inventoryItemId: string; locationId: string }): void {
    this.withAction((action) => catalog.disconnectLevel(this.ctx, action, input));
  }

  setQuantity(input: QuantitySetInput): LevelSnapshot {
    this.withAction((action) => catalog.setQuantity(this.ctx, action, input));
    return this.requireLevel(input.inventoryItemId, input.locationId);
  }

  level(inventoryItemRef: string, locationRef: string): LevelSnapshot | null {
    const itemId = requireId(inventoryItemRef, 'InventoryItem', 'Inventory item');
    const level = this.ctx.state.level(itemId, resolveLocation(this.ctx.state, locationRef).id);
    return level ? snapshotOf(level) : null;
  }

  levels(): LevelSnapshot[] {
    return this.ctx.state.allLevels().map(snapshotOf);
  }

  order(ref: string): OrderSummary {
    return summarizeOrder(
      this.ctx.state,
      this.ctx.state.requireOrder(requireId(ref, 'Order', 'Order')),
    );
  }

  posSale(input: PosSaleInput): PosSaleResult {
    return this.withAction((action) => recordPosSale(this.ctx, action, input));
  }

  onlineOrder(input: OnlineOrderInput): OnlineOrderResult {
    return this.withAction((action) => placeOnlineOrder(this.ctx, action, input));
  }

  fulfill(orderRef: string, input: FulfilInput = {}): FulfilResult {
    return this.withAction((action) => fulfilOrder(this.ctx, action, orderRef, input));
  }

  markReadyForPickup(orderRef: string): { fulfillmentOrderIds: string[] } {
    return this.withAction((action) => markReadyForPickup(this.ctx, action, orderRef));
  }

  refund(orderRef: string, input: RefundInput): RefundResult {
    return this.withAction((action) => refundOrder(this.ctx, action, orderRef, input));
  }

  cancel(orderRef: string, input: CancelInput = {}): CancelResult {
    return this.withAction((action) => cancelOrder(this.ctx, action, orderRef, input));
  }

  editOrder(orderRef: string, input: EditOrderInput): EditOrderResult {
    return this.withAction((action) => editOrder(this.ctx, action, orderRef, input));
  }

  transfer(input: TransferInput): TransferResult {
    return this.withAction((action) => shipTransfer(this.ctx, action, input));
  }

  receiveTransfer(transferRef: string, input: ReceiveInput = {}): { complete: boolean } {
    return this.withAction((action) => receiveTransfer(this.ctx, action, transferRef, input));
  }

  /** `tagsAdd`: null when the gid names no order or product. */
  addTags(resourceGid: string, tags: string[]): TaggedResource {
    return this.withAction((action) => addTags(this.ctx, action, resourceGid, tags));
  }

  private requireLevel(inventoryItemRef: string, locationRef: string): LevelSnapshot {
    const itemId = requireId(inventoryItemRef, 'InventoryItem', 'Inventory item');
    const location = resolveLocation(this.ctx.state, locationRef);
    const level = this.ctx.state.level(itemId, location.id);
    if (!level) throw new Error(`Level ${itemId}@${location.id} vanished after being set`);
    return snapshotOf(level);
  }
}

export function snapshotOf(level: LevelRecord): LevelSnapshot {
  const updatedAt = {} as Record<QuantityName, string | null>;
  for (const name of QUANTITY_NAMES)
    updatedAt[name] = formatDateTimeOrNull(level.cells[name].updatedAt);
  return {
    inventoryItemId: level.inventoryItemId,
    locationId: level.locationId,
    quantities: quantitiesOf(level),
    updatedAt,
  };
}
