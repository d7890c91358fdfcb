/**
 * A level's expiry bound: no live hold at the level expires before it (null: not known). While
 * it lies ahead of now, nothing at the level can have expired, and the search is skipped.
 */
export interface ExpiryBoundBasis {
  held: number;
  hold_expiry_bound: string | null;
}

/**
 * Whether a live hold at the level may have run out by `now`: only if it holds anything, and its
 * expiry bound is unknown or not after `now`.
 */
export function mayHaveExpired(level: ExpiryBoundBasis, now: string): boolean {
  return level.held > 0 && (level.hold_expiry_bound === null || level.hold_expiry_bound <= now);
}

/**
 * The bound once a hold expiring at `expiresAt` joins the level, as the claim's SQL sets it
 * (`CASE WHEN held = 0 ...`, held-units.ts): with nothing held before, the new hold is the only
 * one; an unknown bound stays unknown, since earlier holds may expire sooner; else the earlier
 * of the two. Instants are UTC ISO-8601 text, so comparing the text compares the time.
 */
export function expiryBoundAfterClaim(level: ExpiryBoundBasis, expiresAt: string): string | null {
  if (level.held === 0) return expiresAt;
  if (level.hold_expiry_bound === null) return null;
  return level.hold_expiry_bound > expiresAt ? expiresAt : level.hold_expiry_bound;
}
