/**
 * One store's local inventory for one Merchant Center product: what trueshelf sends to Google,
 * through the Merchant API or in a feed file. The enum names are the Merchant API v1 names
 * (`LocalInventoryAttributes` in inventories v1); the feed writer spells them the file's way.
 */
export const localAvailabilities = [
  'IN_STOCK',
  'LIMITED_AVAILABILITY',
  'ON_DISPLAY_TO_ORDER',
  'OUT_OF_STOCK',
] as const;
export type LocalAvailability = (typeof localAvailabilities)[number];

/** BUY and RESERVE are "pickup today"; SHIP_TO_STORE is "pickup later". */
export const pickupMethods = ['BUY', 'RESERVE', 'SHIP_TO_STORE', 'NOT_SUPPORTED'] as const;
export type PickupMethod = (typeof pickupMethods)[number];

export const pickupSlas = [
  'SAME_DAY',
  'NEXT_DAY',
  'TWO_DAY',
  'THREE_DAY',
  'FOUR_DAY',
  'FIVE_DAY',
  'SIX_DAY',
  'SEVEN_DAY',
  'MULTI_WEEK',
] as const;
export type PickupSla = (typeof pickupSlas)[number];

/** Google's Price: an int64 count of micros (1 unit = 1,000,000) as a decimal string. */
export interface Money {
  readonly amountMicros: string;
  /** ISO 4217, e.g. `USD`. */
  readonly currencyCode: string;
}

/** The product a row attaches to: `contentLanguage~feedLabel~offerId` in Merchant Center. */
export interface ProductKey {
  readonly contentLanguage: string;
  readonly feedLabel: string;
  readonly offerId: string;
}

export interface LocalInventoryRow extends ProductKey {
  /** The Business Profile store code: case-sensitive, immutable on Google's side. */
  readonly storeCode: string;
  readonly availability: LocalAvailability;
  readonly quantity: number;
  /** Only where a store-specific price is configured: a mismatch with the page suspends. */
  readonly price?: Money;
  readonly salePrice?: Money;
  readonly pickupMethod?: PickupMethod;
  readonly pickupSla?: PickupSla;
  /** Free text such as an aisle; Google caps it at 20 bytes. */
  readonly instoreProductLocation?: string;
}
