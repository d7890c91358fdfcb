/**
 * Held units that are no longer on the shelf: a POS sale (POS only warns) or a correction took
 * gross below what live holds claim. Zero while gross covers the holds.
 */
export function heldShortfall(gross: number, held: number): number {
  return Math.max(0, held - Math.max(0, gross));
}
