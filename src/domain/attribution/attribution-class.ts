/**
 * The six ways an order's units can be sold and leave stock. The channel comes from the order
 * (`source_name: "pos"` with a till location), where stock leaves from its fulfilment orders'
 * assigned location and delivery method (research §6): an order can mix classes, one per part.
 */
export const attributionClasses = [
  'pos_carry_out',
  'pos_ship_from_warehouse',
  'pos_ship_from_store',
  'online_ship_from_warehouse',
  'online_pickup_in_store',
  'online_ship_from_store',
] as const;

export type AttributionClass = (typeof attributionClasses)[number];

export type SaleChannel = 'pos' | 'online';

/** Shopify's `DeliveryMethodType` values. */
export type DeliveryMethod = 'RETAIL' | 'SHIPPING' | 'PICK_UP' | 'LOCAL' | 'PICKUP_POINT' | 'NONE';

export type LocationKind = 'store' | 'warehouse';

/** The channel a class belongs to. */
export function channelOf(attributionClass: AttributionClass): SaleChannel {
  return attributionClass.startsWith('pos_') ? 'pos' : 'online';
}

/**
 * One part of an order: a POS sale handed over at the till (`RETAIL`) is carry-out wherever it
 * is booked; otherwise the kind of the assigned location decides. A POS order picked up at
 * another store counts as shipped from that store (stock leaves it, not the till). A location
 * the registry does not know is taken for a warehouse: it is no store trueshelf reports on.
 */
export function classifyPart(
  channel: SaleChannel,
  method: DeliveryMethod,
  kind: LocationKind | null,
): AttributionClass {
  const warehouse = kind !== 'store';
  if (channel === 'pos') {
    if (method === 'RETAIL') return 'pos_carry_out';
    return warehouse ? 'pos_ship_from_warehouse' : 'pos_ship_from_store';
  }
  if (warehouse) return 'online_ship_from_warehouse';
  return method === 'PICK_UP' ? 'online_pickup_in_store' : 'online_ship_from_store';
}

/** The tags an order of these classes carries in Shopify (sorted, each once). */
export function tagsFor(classes: readonly AttributionClass[]): string[] {
  const tags = new Set<string>();
  for (const attributionClass of classes) {
    tags.add(`source:${channelOf(attributionClass)}`);
    tags.add(CLASS_TAGS[attributionClass]);
    if (
      attributionClass === 'pos_ship_from_warehouse' ||
      attributionClass === 'pos_ship_from_store'
    )
      tags.add('attribution:endless-aisle');
  }
  return [...tags].sort();
}

const CLASS_TAGS: Record<AttributionClass, string> = {
  pos_carry_out: 'fulfillment:carry-out',
  pos_ship_from_warehouse: 'fulfillment:warehouse',
  pos_ship_from_store: 'fulfillment:store',
  online_ship_from_warehouse: 'fulfillment:warehouse',
  online_pickup_in_store: 'fulfillment:pickup',
  online_ship_from_store: 'fulfillment:store',
};
