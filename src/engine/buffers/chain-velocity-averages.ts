import type { Kysely } from 'kysely';
import { computeVelocity } from '../../domain/velocity/compute-velocity.js';
import type { Database } from '../../storage/database-schema.js';
import { loadVelocityInputs } from '../velocity/load-velocity-inputs.js';

/** Pooled velocities (Σ units / Σ counted days) of items with history of their own. */
export interface VelocityAverages {
  chain: number | null;
  byCategory: Map<string, number>;
}

/**
 * The stand-ins for items without enough history: the chain-wide average of their category,
 * else of every item. Pooled over all locations, so a new store starts from what the chain
 * sells; defaults never feed an average (see `averageUnitsPerDay`).
 */
export async function chainVelocityAverages(
  db: Kysely<Database>,
  locations: readonly string[],
  velocity: { windowDays: number; minCountedDays: number },
  now: Date,
): Promise<VelocityAverages> {
  const categories = new Map<string, string | null>();
  for (const row of await db.selectFrom('items').select(['id', 'category']).execute()) {
    categories.set(row.id, row.category);
  }

  const sums = new Map<string, { units: number; days: number }>();
  const chain = { units: 0, days: 0 };
  for (const location of locations) {
    const { inputs } = await loadVelocityInputs(db, location, velocity.windowDays, now);
    for (const input of inputs.values()) {
      const result = computeVelocity({
        ...input,
        defaults: { minCountedDays: velocity.minCountedDays, floorUnitsPerDay: 0 },
      });
      if (!result.ok || result.source !== 'history') continue;
      chain.units += result.units;
      chain.days += result.daysCounted;
      const category = categories.get(input.itemId) ?? null;
      if (category === null) continue;
      const sum = sums.get(category) ?? { units: 0, days: 0 };
      sum.units += result.units;
      sum.days += result.daysCounted;
      sums.set(category, sum);
    }
  }

  const byCategory = new Map<string, number>();
  for (const [category, sum] of sums) {
    if (sum.days > 0) byCategory.set(category, sum.units / sum.days);
  }
  return { chain: chain.days > 0 ? chain.units / chain.days : null, byCategory };
}
