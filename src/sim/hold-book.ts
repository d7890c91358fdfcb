import type { Clock } from '../shared/clock.js';
import type { SalesMatrix } from './load-sales-matrix.js';

/** One line of a hold: units at one store × item (the simulator's level index). */
export interface HoldLine {
  level: number;
  units: number;
}

export interface HoldRequest {
  /** Each pickup order is its own cart: holding again for a cart replaces its hold. */
  cartId: string;
  lines: HoldLine[];
  ttlSeconds: number;
}

export interface ShortHoldLine {
  level: number;
  requested: number;
  /** What the level could promise this cart when it was refused. */
  sellable: number;
}

/** A hold is placed whole, or refused naming every level that was short. */
export type HoldPlacement =
  | { ok: true; holdId: number }
  | { ok: false; reason: 'insufficient_stock'; short: ShortHoldLine[] };

/**
 * What the product's claim reads at a level: gross from the mirror's last read (Shopify's
 * `available` + what trueshelf placed) and the stored decision's buffer. A till sale the mirror
 * has not re-read yet is not in it, as in the product.
 */
export type ClaimBasisOf = (level: number) => { gross: number; buffer: number };

export interface HoldBookContext {
  matrix: SalesMatrix;
  clock: Clock;
  basis: ClaimBasisOf;
}

/**
 * The hold policy's book: place a time-limited claim for a pickup order, convert it when the
 * shopper collects, release it when the order is cancelled (the pick found the shelf short),
 * and let holds lapse. Two books run the product's rules: `RuleHoldBook` (the default) runs the
 * pure rules in src/domain/holds on typed arrays, fast enough for the full M5 run;
 * `ServiceHoldBook` (`--holds product`) drives the product's own `HoldService` on a throwaway
 * SQLite database, for small runs and for the test that both books give the same outcomes.
 */
export interface HoldBook {
  place(request: HoldRequest): HoldPlacement;
  /** The holder collected: the hold ends converted. False when it was not live (unknown, ended
   * or expired: converting twice changes nothing). */
  convert(holdId: number): boolean;
  /** The order was cancelled: the units go back. False when the hold was not live. */
  release(holdId: number): boolean;
  /** The sweeper's round at the clock's now: ends every hold whose time ran out. */
  expireDue(): void;
  /** Holds that have ended by expiry so far, at a read or by the sweeper. */
  expiredSoFar(): number;
  /** Units in live holds at a level, as a decision reads them (expired holds stop counting). */
  heldUnits(level: number): number;
  /** Frees what the book holds (a worker thread, a database). */
  close(): void;
}

export type HoldBookFactory = (context: HoldBookContext) => HoldBook;
