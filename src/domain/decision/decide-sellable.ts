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
  const targetSafetyStock = Math.max(0, Math.min(buffer, gross - targetReserved));

  return { gross, buffer, held, sellable, targetSafetyStock, targetReserved };
}
