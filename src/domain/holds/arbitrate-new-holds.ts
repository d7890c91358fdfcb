import { expiryBoundAfterClaim, mayHaveExpired } from './level-expiry-bound.js';
import { levelKey } from './hold-demand.js';
import type { HoldDemand } from './hold-demand.js';
import type { NewHoldOutcome, ShortLine } from './new-hold-outcome.js';

/** A group's hold, as far as deciding it goes. */
export interface NewHoldAsked {
  cartId: string;
  client: string;
  idempotencyKey: string;
  /** Per level, summed (`sumHoldDemand`). */
  demand: readonly HoldDemand[];
  now: string;
  expiresAt: string;
}

/** A level as the group's transaction read it, its row locked (or SQLite's one writer). */
export interface LevelFigures {
  held: number;
  hold_expiry_bound: string | null;
  /** gross − buffer − held: what the claim's check compares a demand with. */
  unclaimed: number;
}

/** What the books said of the group before any of it was placed. */
export interface GroupBooks {
  /** By `levelKey`; a level without a row is not stocked there. */
  levels: ReadonlyMap<string, LevelFigures>;
  /** Carts of the group with an active or checked-out hold. */
  busyCarts: ReadonlySet<string>;
  /** `requestKey` of the group's keys recorded before. */
  knownKeys: ReadonlySet<string>;
}

/** All the units the group's placed holds claim at one level, and its bound after them. */
export interface LevelClaim {
  itemId: string;
  locationHandle: string;
  quantity: number;
  hold_expiry_bound: string | null;
}

export interface Arbitration {
  /** One per hold, in order. */
  outcomes: NewHoldOutcome[];
  /** One per level claimed, in the order first claimed. */
  claims: LevelClaim[];
}

/** An idempotency key is its client's own. */
export function requestKey(client: string, idempotencyKey: string): string {
  return JSON.stringify([client, idempotencyKey]);
}

/**
 * Decides a group of new holds one after another, from the books as the group's transaction
 * read them, with each placed hold counted for the holds after it: what the holds would come
 * to, placed one by one, each claiming by the conditional UPDATE. A cart that holds (in the
 * books or by a hold placed earlier in the group) or a key seen before is sent to the general
 * path; a short level refuses the hold, or sends it on if its holds may have run out; else the
 * hold is placed and every level's claim grows by its demand.
 *
 * The caller writes what this decides, in the same transaction, with one conditional UPDATE per
 * level claimed: the check stays in the statement, and holds because the rows are the caller's.
 */
export function arbitrateNewHolds(holds: readonly NewHoldAsked[], books: GroupBooks): Arbitration {
  const levels = new Map<string, LevelFigures>();
  for (const [key, figures] of books.levels) levels.set(key, { ...figures });
  const busyCarts = new Set(books.busyCarts);
  const knownKeys = new Set(books.knownKeys);
  const claims = new Map<string, LevelClaim>();

  const outcomes = holds.map((hold): NewHoldOutcome => {
    if (busyCarts.has(hold.cartId)) return { kind: 'general', why: 'cart_has_holds' };
    const key = requestKey(hold.client, hold.idempotencyKey);
    if (knownKeys.has(key)) return { kind: 'general', why: 'known_key' };

    const refusal = refusalOf(hold, levels);
    if (refusal) return refusal;

    for (const level of hold.demand) claim(level, hold.expiresAt, levels, claims);
    busyCarts.add(hold.cartId);
    knownKeys.add(key);
    return { kind: 'placed' };
  });

  return { outcomes, claims: [...claims.values()] };
}

/** Why the hold's levels refuse it, or null when every one covers its demand. */
function refusalOf(
  hold: NewHoldAsked,
  levels: ReadonlyMap<string, LevelFigures>,
): Exclude<NewHoldOutcome, { kind: 'placed' }> | null {
  const short: ShortLine[] = [];
  for (const level of hold.demand) {
    const figures = levels.get(levelKey(level));
    if (figures && figures.unclaimed >= level.quantity) continue;
    if (figures && mayHaveExpired(figures, hold.now)) return { kind: 'general', why: 'expiry_due' };
    short.push({
      item: level.itemId,
      location: level.locationHandle,
      requested: level.quantity,
      sellable: figures ? Math.max(0, figures.unclaimed) : 0,
    });
  }
  return short.length > 0 ? { kind: 'insufficient_stock', short } : null;
}

function claim(
  level: HoldDemand,
  expiresAt: string,
  levels: Map<string, LevelFigures>,
  claims: Map<string, LevelClaim>,
): void {
  const key = levelKey(level);
  const figures = levels.get(key)!;
  figures.hold_expiry_bound = expiryBoundAfterClaim(figures, expiresAt);
  figures.held += level.quantity;
  figures.unclaimed -= level.quantity;

  const claimed = claims.get(key);
  claims.set(key, {
    itemId: level.itemId,
    locationHandle: level.locationHandle,
    quantity: (claimed?.quantity ?? 0) + level.quantity,
    hold_expiry_bound: figures.hold_expiry_bound,
  });
}
