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
 * in the same order, so two multi-line holds cannot deadlock each other.
 */
export function sumHoldDemand(lines: readonly HoldLineRequest[]): HoldDemand[] {
  const byLevel = new Map<string, HoldDemand>();

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
