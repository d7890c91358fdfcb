/** Shopify's quantity names, as read from `InventoryLevel.quantities`. */
export const quantityNames = [
  'available',
  'committed',
  'reserved',
  'safety_stock',
  'damaged',
  'quality_control',
  'on_hand',
  'incoming',
] as const;

export type QuantityName = (typeof quantityNames)[number];

export type LevelQuantities = Record<QuantityName, number>;

export function emptyQuantities(): LevelQuantities {
  return {
    available: 0,
    committed: 0,
    reserved: 0,
    safety_stock: 0,
    damaged: 0,
    quality_control: 0,
    on_hand: 0,
    incoming: 0,
  };
}

/** The states whose sum is on hand (Shopify: on_hand = available + committed + unavailable). */
export const onHandParts: readonly QuantityName[] = [
  'available',
  'committed',
  'reserved',
  'safety_stock',
  'damaged',
  'quality_control',
];
