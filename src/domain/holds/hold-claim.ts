/** What a claim at one level is checked against: gross as the decision sees it, its buffer and
 * the units live holds already claim there. */
export interface ClaimBasis {
  gross: number;
  buffer: number;
  held: number;
}

/**
 * What a level could still promise to a new hold: gross − buffer − held (negative when a POS
 * sale took held units). The SQL claim (`claimHeldUnits`) checks the same inequality inside its
 * UPDATE's WHERE, so the check and the change are one statement; a test runs both on both
 * engines and expects the same answers.
 */
export function unclaimedUnits(level: ClaimBasis): number {
  return level.gross - level.buffer - level.held;
}

/** True when the level covers `quantity` more held units. */
export function claimCovers(level: ClaimBasis, quantity: number): boolean {
  return unclaimedUnits(level) >= quantity;
}

/** What a refusal names as the level's sellable for this cart: never below zero. */
export function sellableForClaim(level: ClaimBasis): number {
  return Math.max(0, unclaimedUnits(level));
}
