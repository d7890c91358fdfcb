/**
 * Splits an amount of minor units by integer weights out of `whole` (percentages by default)
 * with the largest-remainder rule, so the parts add up to exactly `amount × Σweights / whole`
 * (rounded down), each within one unit of its exact share. A negative amount splits as the
 * mirror image of the positive one, so a reversal takes back what the same amount was credited.
 */
export function splitAmount(amount: number, weights: readonly number[], whole = 100): number[] {
  if (amount < 0) {
    return splitAmount(-amount, weights, whole).map((part) => (part === 0 ? 0 : -part));
  }
  if (whole <= 0) return weights.map(() => 0);

  const exact = weights.map((weight) => amount * weight);
  const floors = exact.map((value) => Math.floor(value / whole));
  const target = Math.floor((amount * weights.reduce((sum, w) => sum + w, 0)) / whole);
  let left = target - floors.reduce((sum, part) => sum + part, 0);

  const order = exact
    .map((value, index) => ({ index, remainder: value % whole }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    floors[index] = (floors[index] ?? 0) + 1;
    left -= 1;
  }
  return floors;
}

/** `units` of `ofUnits` of a line worth `lineAmount`, rounded half up (a pro-rata share). */
export function shareOfUnits(lineAmount: number, units: number, ofUnits: number): number {
  if (ofUnits <= 0) return 0;
  const exact = (lineAmount * units) / ofUnits;
  return exact < 0 ? -Math.round(-exact) : Math.round(exact);
}
