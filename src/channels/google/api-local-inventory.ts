import type { protos } from '@google-shopping/inventories';
import type {
  LocalAvailability,
  LocalInventoryRow,
  Money,
  PickupMethod,
  PickupSla,
} from './local-inventory-row.js';

type ApiLocalInventory = protos.google.shopping.merchant.inventories.v1.ILocalInventory;
type ApiPrice = protos.google.shopping.type.IPrice;

/**
 * The row as the client's `LocalInventory`: enum names (the client turns them into numbers on
 * the wire) and int64 as decimal strings. Every attribute the row has is sent, since an insert
 * replaces the record and a left-out field is erased.
 */
export function toApiLocalInventory(row: LocalInventoryRow): ApiLocalInventory {
  return {
    storeCode: row.storeCode,
    localInventoryAttributes: {
      availability: row.availability,
      quantity: String(row.quantity),
      ...(row.price ? { price: { ...row.price } } : {}),
      ...(row.salePrice ? { salePrice: { ...row.salePrice } } : {}),
      ...(row.pickupMethod ? { pickupMethod: row.pickupMethod } : {}),
      ...(row.pickupSla ? { pickupSla: row.pickupSla } : {}),
      ...(row.instoreProductLocation ? { instoreProductLocation: row.instoreProductLocation } : {}),
    },
  };
}

/** One store's record as Google answers a list; fields Google did not return are absent. */
export interface PublishedLocalInventory {
  readonly storeCode: string;
  readonly availability?: LocalAvailability;
  readonly quantity?: number;
  readonly price?: Money;
  readonly salePrice?: Money;
  readonly pickupMethod?: PickupMethod;
  readonly pickupSla?: PickupSla;
  readonly instoreProductLocation?: string;
}

/* The client decodes with `enums: String, longs: String` and adds protobufjs's virtual oneof
 * keys (`_quantity: 'quantity'`) and nulls for unset messages; only real values are kept. */
export function fromApiLocalInventory(record: ApiLocalInventory): PublishedLocalInventory {
  const attributes = record.localInventoryAttributes ?? {};
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value !== '' ? value : undefined;

  const availability = text(attributes.availability) as LocalAvailability | undefined;
  const pickupMethod = text(attributes.pickupMethod) as PickupMethod | undefined;
  const pickupSla = text(attributes.pickupSla) as PickupSla | undefined;
  const quantity = attributes.quantity == null ? undefined : Number(String(attributes.quantity));
  const price = money(attributes.price);
  const salePrice = money(attributes.salePrice);
  const location = text(attributes.instoreProductLocation);

  return {
    storeCode: record.storeCode ?? '',
    ...(availability ? { availability } : {}),
    ...(quantity !== undefined ? { quantity } : {}),
    ...(price ? { price } : {}),
    ...(salePrice ? { salePrice } : {}),
    ...(pickupMethod ? { pickupMethod } : {}),
    ...(pickupSla ? { pickupSla } : {}),
    ...(location ? { instoreProductLocation: location } : {}),
  };
}

function money(price: ApiPrice | null | undefined): Money | undefined {
  if (!price || price.amountMicros == null || !price.currencyCode) return undefined;
  return { amountMicros: String(price.amountMicros), currencyCode: price.currencyCode };
}
