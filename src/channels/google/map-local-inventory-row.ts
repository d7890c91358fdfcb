import type { Decision } from '../../domain/decision/decide-sellable.js';
import { availabilityFor, googleAvailabilityThresholds } from './availability-bands.js';
import type { AvailabilityThresholds } from './availability-bands.js';
import type {
  LocalInventoryRow,
  Money,
  PickupMethod,
  PickupSla,
  ProductKey,
} from './local-inventory-row.js';

export interface PickupSettings {
  readonly method: PickupMethod;
  /** Required unless the method is NOT_SUPPORTED, where it is dropped. */
  readonly sla?: PickupSla;
}

export interface StorePrice {
  readonly price: Money;
  readonly salePrice?: Money;
}

export interface LocalInventoryInput {
  /** The Merchant Center product, its offer id already mapped. */
  readonly product: ProductKey;
  readonly storeCode: string;
  /** The one stored decision for this (item, store); Google never computes its own number. */
  readonly decision: Pick<Decision, 'sellable'>;
  /** The Google channel's own policy (bands, caps, "zero at or below N"); identity if none. */
  readonly channelPolicy?: (sellable: number) => number;
  /** The location's pickup settings, and the item's at that location, which win. */
  readonly pickup?: { readonly location?: PickupSettings; readonly item?: PickupSettings };
  readonly instoreProductLocation?: string;
  /** Only where a store-specific price is configured; otherwise the product's price stands. */
  readonly storePrice?: StorePrice;
  readonly thresholds?: AvailabilityThresholds;
}

/** The row for one (item, store), derived from the decision and nothing else that counts. */
export function mapLocalInventoryRow(input: LocalInventoryInput): LocalInventoryRow {
  const policy = input.channelPolicy ?? ((sellable: number) => sellable);
  const quantity = Math.max(0, Math.floor(policy(input.decision.sellable)));
  const availability = availabilityFor(quantity, input.thresholds ?? googleAvailabilityThresholds);
  const pickup = input.pickup?.item ?? input.pickup?.location;

  return {
    contentLanguage: input.product.contentLanguage,
    feedLabel: input.product.feedLabel,
    offerId: input.product.offerId,
    storeCode: input.storeCode,
    availability,
    quantity,
    ...(input.storePrice ? { price: input.storePrice.price } : {}),
    ...(input.storePrice?.salePrice ? { salePrice: input.storePrice.salePrice } : {}),
    ...pickupFields(pickup),
    ...(input.instoreProductLocation
      ? { instoreProductLocation: input.instoreProductLocation }
      : {}),
  };
}

function pickupFields(pickup: PickupSettings | undefined): Partial<LocalInventoryRow> {
  if (!pickup) return {};
  // "Not supported" stands alone: an SLA with it would promise a pickup that does not exist.
  if (pickup.method === 'NOT_SUPPORTED') return { pickupMethod: 'NOT_SUPPORTED' };
  return { pickupMethod: pickup.method, ...(pickup.sla ? { pickupSla: pickup.sla } : {}) };
}
