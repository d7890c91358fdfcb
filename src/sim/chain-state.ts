import type { SalesMatrix } from './load-sales-matrix.js';

/**
 * The physical shelf and the record of every level in one policy's run, one typed array per
 * quantity, indexed by level. The shelf is what a shopper or a count finds; the record is what
 * Shopify (and so trueshelf's mirror) says. They part only through silent losses, scan and
 * receiving errors, and meet again only through counts.
 */
export class ChainState {
  // Physical units.
  readonly shelf: Int32Array;
  /** Picked for a pickup order and waiting behind the counter. */
  readonly aside: Int32Array;
  readonly misplaced: Int32Array;

  // The record, as Shopify's quantity states.
  readonly onHand: Int32Array;
  /** Units on pickup orders without a hold, not yet collected. */
  readonly committed: Int32Array;
  /** What trueshelf last placed in `safety_stock` and `reserved` (the publisher's targets). */
  readonly placedSafetyStock: Int32Array;
  readonly placedReserved: Int32Array;

  /** What the web shows for pickup at the level's store. */
  readonly view: Int32Array;

  readonly onOrder: Int32Array;

  /** Every level starts with record equal to shelf, as right after a full count. */
  constructor(matrix: SalesMatrix, startingStock: Int32Array) {
    const n = matrix.levelCount;
    this.shelf = Int32Array.from(startingStock);
    this.aside = new Int32Array(n);
    this.misplaced = new Int32Array(n);
    this.onHand = Int32Array.from(startingStock);
    this.committed = new Int32Array(n);
    this.placedSafetyStock = new Int32Array(n);
    this.placedReserved = new Int32Array(n);
    this.view = Int32Array.from(startingStock);
    this.onOrder = new Int32Array(n);
  }
}
