import type { ChannelPolicy } from '../buffers/channel-policy.js';

/**
 * The one decision per level (DESIGN, "Who writes what"). Every channel's value is derived from
 * its result, so the storefront, Google and the API never disagree in substance.
 */
export interface DecisionInput {
  /** Shopify's `available` as last read; already net of what trueshelf placed. */
  available: number;
  placedSafetyStock: number;
  placedReserved: number;
  buffer: number;
  liveHolds: number;
  /** Only managed stores get moves in Shopify. */
  managed: boolean;
  /**
   * The Shopify channel's policy. Only its "zero at or below N" acts here: the units left
   * after buffer and holds go to `safety_stock` too, so `available` shows 0. A cap (`maxShown`)
   * is not applied to Shopify, see `shopifyHeldBack`.
   */
  shopifyPolicy?: ChannelPolicy;
}

export interface Decision {
  /** What the store could sell before trueshelf's own measures. */
  gross: number;
  buffer: number;
  held: number;
  sellable: number;
  targetSafetyStock: number;
  targetReserved: number;
}

export function decideSellable(input: DecisionInput): Decision {
  const buffer = Math.max(0, input.buffer);
  const held = Math.max(0, input.liveHolds);

  // Shopify's available already excludes the units we placed: add them back once, so the
  // buffer and holds below are subtracted once and only once.
  const gross = input.available + input.placedSafetyStock + input.placedReserved;
  const sellable = Math.max(0, gross - buffer - held);

  if (!input.managed) {
    return { gross, buffer, held, sellable, targetSafetyStock: 0, targetReserved: 0 };
  }

  // Holds first (never more than gross), the buffer takes what is left; when a POS sale took
  // `available` below zero, gross shrinks and our units go back to `available`.
  const targetReserved = Math.max(0, Math.min(held, gross));
  const heldBack = buffer + shopifyHeldBack(sellable, input.shopifyPolicy);
  const targetSafetyStock = Math.max(0, Math.min(heldBack, gross - targetReserved));

  return { gross, buffer, held, sellable, targetSafetyStock, targetReserved };
}

/**
 * Units Shopify holds back in `safety_stock` beyond the buffer for the channel's policy: all of
 * sellable when it is at or below "zero at or below N" (so `available` shows 0), else none.
 *
 * A cap (`maxShown`) is deliberately not applied to Shopify: holding units back to cap
 * `available` would refuse real online orders and pickups for units that are there (an order
 * of 7 refused with 9 sellable), POS and shipping read the same `available`, and every move of
 * sellable above the cap would spend API points. Shoppers do not see Shopify's count anyway.
 */
export function shopifyHeldBack(sellable: number, policy: ChannelPolicy | undefined): number {
  const zeroAtOrBelow = policy?.zeroAtOrBelow;
  if (zeroAtOrBelow === undefined || sellable <= 0 || sellable > zeroAtOrBelow) return 0;
  return sellable;
}
