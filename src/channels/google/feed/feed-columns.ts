import { formatFeedPrice } from '../money.js';
import type { LocalInventoryRow } from '../local-inventory-row.js';
import { feedAvailability, feedPickupMethod, feedPickupSla } from './feed-values.js';

/** The local inventory file's attributes, in the order Google's spec lists them. */
export const feedColumns = [
  'id',
  'store_code',
  'availability',
  'quantity',
  'price',
  'sale_price',
  'pickup_method',
  'pickup_sla',
  'instore_product_location',
] as const;
export type FeedColumn = (typeof feedColumns)[number];

/** Every row has these; the rest appear only when some row uses them. */
export const requiredFeedColumns: readonly FeedColumn[] = [
  'id',
  'store_code',
  'availability',
  'quantity',
];

/** The row's value in each column it fills, spelled as the file wants it. */
export function feedValues(row: LocalInventoryRow): Partial<Record<FeedColumn, string>> {
  return {
    id: row.offerId,
    store_code: row.storeCode,
    availability: feedAvailability[row.availability],
    quantity: String(row.quantity),
    ...(row.price ? { price: formatFeedPrice(row.price) } : {}),
    ...(row.salePrice ? { sale_price: formatFeedPrice(row.salePrice) } : {}),
    ...(row.pickupMethod ? { pickup_method: feedPickupMethod[row.pickupMethod] } : {}),
    ...(row.pickupSla ? { pickup_sla: feedPickupSla[row.pickupSla] } : {}),
    ...(row.instoreProductLocation ? { instore_product_location: row.instoreProductLocation } : {}),
  };
}

/** The columns a set of rows fills, in the spec's order. */
export function columnsUsed(used: ReadonlySet<FeedColumn>): FeedColumn[] {
  return feedColumns.filter((column) => requiredFeedColumns.includes(column) || used.has(column));
}
