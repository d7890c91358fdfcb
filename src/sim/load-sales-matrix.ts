import type { DailySales } from '../demo/read-sales-file.js';
import { readSalesFile } from '../demo/read-sales-file.js';
import { TrueshelfError } from '../shared/error-catalogue.js';
import type { SalesInput } from './simulation-options.js';

const DAY_MS = 86_400_000;

/**
 * Unit sales per store × item ("level") × day, in typed arrays. Levels are numbered in the
 * order they first appear, which for the M5 files is file order (stores, then items by
 * department). `units[day * levelCount + level]`.
 */
export interface SalesMatrix {
  stores: string[];
  levelStore: Int32Array;
  levelSku: string[];
  levelCategory: (string | null)[];
  /** The next level of the same store and category (itself when alone): a scan error's victim. */
  levelSibling: Int32Array;
  /** Local days, consecutive, YYYY-MM-DD. */
  days: string[];
  levelCount: number;
  units: Int32Array;
  totalUnits: number;
}

export interface SalesSelection {
  stores: string[] | null;
  items: number | null;
  days: number | null;
}

/**
 * Reads sales with the product's `readSalesFile` (or takes rows given in code) and keeps the
 * selected stores, items and days. The reader leaves out zero cells, so the day range is the
 * first to the last day with a sale; days in between with no sale anywhere still count.
 */
export async function loadSalesMatrix(
  input: SalesInput,
  pick: SalesSelection,
): Promise<SalesMatrix> {
  const wanted = pick.stores === null ? null : new Set(pick.stores);
  const levelIndex = new Map<string, number>();
  const stores: string[] = [];
  const storeIndex = new Map<string, number>();
  const itemsPerStore: number[] = [];
  const levelStore: number[] = [];
  const levelSku: string[] = [];
  const levelCategory: (string | null)[] = [];
  const cellLevel: number[] = [];
  const cellDay: number[] = [];
  const cellUnits: number[] = [];
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;

  const rows: Iterable<DailySales> | AsyncIterable<DailySales> =
    typeof input === 'string' ? readSalesFile(input) : input;
  const storesInFile = new Set<string>();
  for await (const row of rows) {
    storesInFile.add(row.store);
    if (wanted !== null && !wanted.has(row.store)) continue;
    const key = `${row.store}\u0000${row.sku}`;
    let level = levelIndex.get(key);
    if (level === undefined) {
      let store = storeIndex.get(row.store);
      if (store === undefined) {
        store = stores.push(row.store) - 1;
        storeIndex.set(row.store, store);
        itemsPerStore.push(0);
      }
      if (pick.items !== null && itemsPerStore[store]! >= pick.items) continue;
      itemsPerStore[store]! += 1;
      level = levelStore.push(store) - 1;
      levelSku.push(row.sku);
      levelCategory.push(row.category);
      levelIndex.set(key, level);
    }
    const dayMs = Date.parse(`${row.day}T00:00:00Z`);
    firstDay = Math.min(firstDay, dayMs);
    lastDay = Math.max(lastDay, dayMs);
    cellLevel.push(level);
    cellDay.push(dayMs);
    cellUnits.push(row.units);
  }

  if (wanted !== null) {
    const missing = [...wanted].filter((store) => !storeIndex.has(store));
    if (missing.length > 0) {
      throw new TrueshelfError(
        'invalid_request',
        `stores ${missing.join(', ')} have no sales in the file; ` +
          `it has ${[...storesInFile].join(', ') || 'none'}`,
        { missing, storesInFile: [...storesInFile] },
      );
    }
  }
  if (levelStore.length === 0) {
    throw new TrueshelfError(
      'invalid_request',
      'the sales input has no units sold for the selection',
      {},
    );
  }

  const dayCount = Math.min(Math.round((lastDay - firstDay) / DAY_MS) + 1, pick.days ?? Infinity);
  const levelCount = levelStore.length;
  const units = new Int32Array(dayCount * levelCount);
  let totalUnits = 0;
  for (let cell = 0; cell < cellLevel.length; cell += 1) {
    const day = Math.round((cellDay[cell]! - firstDay) / DAY_MS);
    if (day >= dayCount) continue;
    units[day * levelCount + cellLevel[cell]!]! += cellUnits[cell]!;
    totalUnits += cellUnits[cell]!;
  }
  const days = Array.from({ length: dayCount }, (_, day) =>
    new Date(firstDay + day * DAY_MS).toISOString().slice(0, 10),
  );

  return {
    stores,
    levelStore: Int32Array.from(levelStore),
    levelSku,
    levelCategory,
    levelSibling: siblings(levelStore, levelCategory),
    days,
    levelCount,
    units,
    totalUnits,
  };
}

function siblings(levelStore: number[], levelCategory: (string | null)[]): Int32Array {
  const sibling = new Int32Array(levelStore.length);
  const lastOfGroup = new Map<string, number>();
  const firstOfGroup = new Map<string, number>();
  for (let level = 0; level < levelStore.length; level += 1) {
    const group = `${levelStore[level]}\u0000${levelCategory[level] ?? ''}`;
    const previous = lastOfGroup.get(group);
    if (previous === undefined) firstOfGroup.set(group, level);
    else sibling[previous] = level;
    lastOfGroup.set(group, level);
  }
  // The last of each group wraps round to its first, which is itself when the group has one.
  for (const [group, last] of lastOfGroup) sibling[last] = firstOfGroup.get(group)!;
  return sibling;
}
