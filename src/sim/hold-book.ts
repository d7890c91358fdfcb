import type { Clock } from '../shared/clock.js';

/** Why a hold could not be placed: the units are already promised, bought or kept back. */
export type HoldPlacement =
  { ok: true; holdId: number } | { ok: false; reason: 'insufficient_stock'; sellable: number };

export interface HoldRequest {
  /** The simulator's index for one store × item (see `SalesMatrix.levelStore`). */
  level: number;
  units: number;
  /** Shopify's `available` plus what trueshelf placed: what the store could sell. */
  gross: number;
  buffer: number;
  ttlSeconds: number;
}

/**
 * The hold policy the simulator needs: place a time-limited claim on units at one store × item,
 * convert it into a sale, release it (the order was cancelled), or let it expire. DESIGN's rule
 * applies: a hold lowers sellable, and no unit is promised twice.
 *
 * TODO(issue 5): switch to the product's hold service. It has landed
 * (src/engine/holds/hold-service.ts), but it is asynchronous and writes each hold in a storage
 * transaction, while this event loop is synchronous and a full run places about 500,000
 * holds. An adapter would map the level index to (location handle, item id) and the results
 * to these shapes, and needs either an awaiting event loop (for small runs) or the service's
 * rules on an in-memory store. Until then `InMemoryHoldBook` stands in.
 */
export interface HoldBook {
  place(request: HoldRequest): HoldPlacement;
  /** The holder collected: the held units leave as a sale. False for an unknown or ended hold. */
  convert(holdId: number): boolean;
  /** The order was cancelled (e.g. the pick found the shelf short): the units go back. */
  release(holdId: number): boolean;
  /** Ends every live hold whose time ran out by the clock's now; returns their ids. */
  expireDue(): number[];
  /** Units in live holds at a level. */
  heldUnits(level: number): number;
}

export type HoldBookFactory = (levelCount: number, clock: Clock) => HoldBook;
