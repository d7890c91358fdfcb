/** One requested line, its item and location already resolved. */
export interface HoldLineRequest {
  itemId: string;
  locationHandle: string;
  quantity: number;
}

/** What a hold claims at one level: the request's lines for it summed. */
export interface HoldDemand {
  itemId: string;
  locationHandle: string;
  quantity: number;
}

/**
 * Sums the lines per (item, location), so two lines for the same item at the same store are
 * checked as one demand. Sorted by location then item: every transaction takes its level locks
 * in the same order, so two multi-line holds cannot deadlock each other. A line's other fields
 * (the simulator's level index) are kept from its first line.
 */
export function sumHoldDemand<L extends HoldLineRequest>(lines: readonly L[]): L[] {
  // One line is its own sum (the simulator asks this 300,000 times a run).
  if (lines.length === 1) return [{ ...lines[0]! }];
  const byLevel = new Map<string, L>();

  for (const line of lines) {
    const key = levelKey(line);
    const entry = byLevel.get(key);
    if (entry) entry.quantity += line.quantity;
    else byLevel.set(key, { ...line });
  }

  return [...byLevel.values()].sort(compareLevels);
}

export function levelKey(level: { itemId: string; locationHandle: string }): string {
  return JSON.stringify([level.locationHandle, level.itemId]);
}

export function compareLevels(
  a: { itemId: string; locationHandle: string },
  b: { itemId: string; locationHandle: string },
): number {
  if (a.locationHandle !== b.locationHandle) return a.locationHandle < b.locationHandle ? -1 : 1;
  if (a.itemId !== b.itemId) return a.itemId < b.itemId ? -1 : 1;
  return 0;
}
