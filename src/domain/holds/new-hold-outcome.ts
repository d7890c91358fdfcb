/** A level that cannot cover a hold's demand, as a refusal names it. */
export interface ShortLine {
  item: string;
  location: string;
  requested: number;
  /** What the level could promise this cart now (its own earlier hold counted for it). */
  sellable: number;
}

/**
 * Why a new hold went to the general path instead: the key was seen before (a replay or a
 * mismatch), the cart already has a hold to replace or end, or a short level has holds whose
 * time may have run out (released first, then claimed again).
 */
export type GeneralPathReason = 'known_key' | 'cart_has_holds' | 'expiry_due';

/**
 * What placing a new hold came to. Only `placed` leaves anything written; after the other two
 * nothing of the hold is.
 */
export type NewHoldOutcome =
  | { kind: 'placed' }
  | { kind: 'insufficient_stock'; short: ShortLine[] }
  | { kind: 'general'; why: GeneralPathReason };
