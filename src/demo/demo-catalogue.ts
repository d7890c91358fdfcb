import type { DailySales } from './read-sales-file.js';
import { readSalesFile } from './read-sales-file.js';

export interface DemoStore {
  /** Name in the sandbox shop, e.g. "CA_1" from M5 or "Store 1". */
  name: string;
  handle: string;
  timeZone: string;
}

export interface DemoItem {
  sku: string;
  category: string;
  price: string;
}

export interface DemoCatalogue {
  stores: DemoStore[];
  items: DemoItem[];
  /** Units per (store name, sku) per day, in day order. */
  days: string[];
  sales: Map<string, number[]>;
}

/** M5's stores are in three US states; their zones give each store its own local days. */
const STATE_ZONES: Record<string, string> = {
  CA: 'America/Los_Angeles',
  TX: 'America/Chicago',
  WI: 'America/Chicago',
};

export function salesKey(store: string, sku: string): string {
  return `${store}|${sku}`;
}

/** A chain and its demand from a real sales file, limited to the first stores and items. */
export async function catalogueFromFile(
  path: string,
  limits: { stores: number; items: number; days: number },
): Promise<DemoCatalogue> {
  const stores: string[] = [];
  const skus = new Map<string, string>();
  const rows: DailySales[] = [];

  for await (const row of readSalesFile(path)) {
    if (!stores.includes(row.store)) {
      if (stores.length >= limits.stores) continue;
      stores.push(row.store);
    }
    if (!skus.has(row.sku)) {
      if (skus.size >= limits.items) continue;
      skus.set(row.sku, row.category ?? 'general');
    }
    rows.push(row);
  }

  const days = [...new Set(rows.map((r) => r.day))].sort().slice(0, limits.days);
  const sales = new Map<string, number[]>();
  for (const row of rows) {
    const dayIndex = days.indexOf(row.day);
    if (dayIndex < 0) continue;
    const key = salesKey(row.store, row.sku);
    const series = sales.get(key) ?? new Array<number>(days.length).fill(0);
    series[dayIndex] = (series[dayIndex] ?? 0) + row.units;
    sales.set(key, series);
  }

  return {
    stores: stores.map((name) => ({
      name,
      handle: handleOf(name),
      timeZone: STATE_ZONES[name.split('_')[0] ?? ''] ?? 'America/New_York',
    })),
    items: [...skus].map(([sku, category], index) => ({
      sku,
      category,
      price: (2 + (index % 40) * 0.75).toFixed(2),
    })),
    days,
    sales,
  };
}

/**
 * A seeded synthetic chain with M5-like demand: most items sell under one unit a day, a few
 * sell several, many days are zero (Poisson with a skewed rate per item and store).
 */
export function syntheticCatalogue(options: {
  stores: number;
  items: number;
  days: number;
  seed: number;
}): DemoCatalogue {
  const random = mulberry32(options.seed);
  const zones = [
    'America/New_York',
    'America/Chicago',
    'America/Los_Angeles',
    'Australia/Brisbane',
  ];
  const categories = ['FOODS', 'HOUSEHOLD', 'HOBBIES'];
  const stores = Array.from({ length: options.stores }, (_, i) => ({
    name: `Store ${i + 1}`,
    handle: `store-${i + 1}`,
    timeZone: zones[i % zones.length] ?? 'UTC',
  }));
  const items = Array.from({ length: options.items }, (_, i) => ({
    sku: `TS-${String(i + 1).padStart(4, '0')}`,
    category: categories[i % categories.length] ?? 'FOODS',
    price: (2 + (i % 40) * 0.75).toFixed(2),
  }));
  const start = Date.UTC(2026, 10, 2);
  const days = Array.from({ length: options.days }, (_, d) =>
    new Date(start + d * 86_400_000).toISOString().slice(0, 10),
  );

  const sales = new Map<string, number[]>();
  for (const store of stores) {
    for (const item of items) {
      const rate = 0.2 + 4 * random() ** 3;
      sales.set(
        salesKey(store.name, item.sku),
        days.map(() => poisson(rate, random)),
      );
    }
  }
  return { stores, items, days, sales };
}

export function handleOf(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'store'
  );
}

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(rate: number, random: () => number): number {
  const limit = Math.exp(-rate);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k += 1;
  return k;
}
