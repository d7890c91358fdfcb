/**
 * Shopify's named inventory quantities (shopify.dev, inventory states; research §3.1).
 * on_hand = available + committed + reserved + damaged + safety_stock + quality_control;
 * incoming is stock on its way and is not part of on_hand.
 */
export const QUANTITY_NAMES = [
  'available',
  'committed',
  'damaged',
  'incoming',
  'on_hand',
  'quality_control',
  'reserved',
  'safety_stock',
] as const;

export type QuantityName = (typeof QUANTITY_NAMES)[number];

export const ON_HAND_PARTS = [
  'available',
  'committed',
  'reserved',
  'damaged',
  'safety_stock',
  'quality_control',
] as const;

/** Every name but on_hand, which is always derived from its parts. */
export type StoredQuantityName = Exclude<QuantityName, 'on_hand'>;

export type QuantityDeltas = Partial<Record<StoredQuantityName, number>>;

export function isQuantityName(value: string): value is QuantityName {
  return (QUANTITY_NAMES as readonly string[]).includes(value);
}
