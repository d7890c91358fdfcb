import { sql } from 'kysely';
import type { Storage } from '../../storage/storage.js';

/** What publishing would change at one store, from the decisions already recorded. */
export interface ShadowStoreReport {
  handle: string;
  mode: string;
  managed: boolean;
  levels: number;
  /** Buffer units the decisions call for, and what trueshelf has placed in safety_stock. */
  targetSafetyStock: number;
  placedSafetyStock: number;
  targetReserved: number;
  placedReserved: number;
  /** Units that would move from available into safety_stock / reserved if the store published. */
  unitsToBuffer: number;
  unitsToReserve: number;
  levelsThatWouldMove: number;
  /** Levels whose decision is sellable 0 while Shopify still offers units: promises refused. */
  refusedPromises: number;
  /** Units Shopify offers on those levels that trueshelf would not promise. */
  refusedUnits: number;
}

/**
 * Shadow mode's answer to "what would publishing do?": per store, the units the buffer and holds
 * would take out of available, and the promises the storefront makes now that trueshelf would
 * refuse. Every decision is recorded in shadow too, so this is read, not recomputed.
 */
export async function shadowReport(storage: Storage): Promise<ShadowStoreReport[]> {
  const rows = await storage.db
    .selectFrom('locations')
    .leftJoin('levels', 'levels.location_handle', 'locations.handle')
    .leftJoin('decisions', (join) =>
      join
        .onRef('decisions.item_id', '=', 'levels.item_id')
        .onRef('decisions.location_handle', '=', 'levels.location_handle'),
    )
    .select([
      'locations.handle',
      'locations.mode',
      'locations.managed',
      sql<number>`count(levels.item_id)`.as('levels'),
      sql<number>`coalesce(sum(decisions.target_safety_stock), 0)`.as('targetSafetyStock'),
      sql<number>`coalesce(sum(levels.placed_safety_stock), 0)`.as('placedSafetyStock'),
      sql<number>`coalesce(sum(decisions.target_reserved), 0)`.as('targetReserved'),
      sql<number>`coalesce(sum(levels.placed_reserved), 0)`.as('placedReserved'),
      sql<number>`coalesce(sum(CASE WHEN decisions.target_safety_stock > levels.placed_safety_stock THEN decisions.target_safety_stock - levels.placed_safety_stock ELSE 0 END), 0)`.as(
        'unitsToBuffer',
      ),
      sql<number>`coalesce(sum(CASE WHEN decisions.target_reserved > levels.placed_reserved THEN decisions.target_reserved - levels.placed_reserved ELSE 0 END), 0)`.as(
        'unitsToReserve',
      ),
      sql<number>`coalesce(sum(CASE WHEN decisions.target_safety_stock <> levels.placed_safety_stock OR decisions.target_reserved <> levels.placed_reserved THEN 1 ELSE 0 END), 0)`.as(
        'levelsThatWouldMove',
      ),
      sql<number>`coalesce(sum(CASE WHEN decisions.sellable = 0 AND levels.available > 0 THEN 1 ELSE 0 END), 0)`.as(
        'refusedPromises',
      ),
      sql<number>`coalesce(sum(CASE WHEN decisions.sellable = 0 AND levels.available > 0 THEN levels.available ELSE 0 END), 0)`.as(
        'refusedUnits',
      ),
    ])
    .where('locations.kind', '=', 'store')
    .groupBy(['locations.handle', 'locations.mode', 'locations.managed'])
    .orderBy('locations.handle')
    .execute();

  return rows.map((row) => ({
    handle: row.handle,
    mode: row.mode,
    managed: row.managed === 1,
    levels: Number(row.levels),
    targetSafetyStock: Number(row.targetSafetyStock),
    placedSafetyStock: Number(row.placedSafetyStock),
    targetReserved: Number(row.targetReserved),
    placedReserved: Number(row.placedReserved),
    unitsToBuffer: Number(row.unitsToBuffer),
    unitsToReserve: Number(row.unitsToReserve),
    levelsThatWouldMove: Number(row.levelsThatWouldMove),
    refusedPromises: Number(row.refusedPromises),
    refusedUnits: Number(row.refusedUnits),
  }));
}
