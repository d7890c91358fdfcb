import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import type { Storage } from '../../../src/storage/storage.js';

/** One level as the books show it: its held counter and the live hold lines under it. */
export interface LevelBooks {
  level: string;
  held: number;
  liveLines: number;
  stale: number;
  decision: { held: number; targetReserved: number; gross: number } | null;
}

/**
 * Every level's held units beside the sum of its live hold lines (lines of active holds that
 * have not left), and its stored decision: what the invariants of the holds compare.
 */
export async function readLevelBooks(storage: Storage): Promise<LevelBooks[]> {
  const db = holdsDb(storage.db);
  const levels = await db
    .selectFrom('levels')
    .leftJoin('decisions as d', (join) =>
      join
        .onRef('d.item_id', '=', 'levels.item_id')
        .onRef('d.location_handle', '=', 'levels.location_handle'),
    )
    .select([
      'levels.item_id',
      'levels.location_handle',
      'levels.held',
      'levels.decision_stale',
      'd.held as decision_held',
      'd.target_reserved',
      'd.gross',
    ])
    .execute();
  const lines = await db
    .selectFrom('hold_lines')
    .innerJoin('holds', 'holds.id', 'hold_lines.hold_id')
    .select(['hold_lines.item_id', 'hold_lines.location_handle', 'hold_lines.quantity'])
    .where('holds.status', '=', 'active')
    .where('hold_lines.left_at', 'is', null)
    .execute();

  const live = new Map<string, number>();
  for (const line of lines) {
    const key = `${line.location_handle}/${line.item_id}`;
    live.set(key, (live.get(key) ?? 0) + Number(line.quantity));
  }
  return levels
    .map((row) => {
      const level = `${row.location_handle}/${row.item_id}`;
      return {
        level,
        held: Number(row.held),
        liveLines: live.get(level) ?? 0,
        stale: Number(row.decision_stale),
        decision:
          row.decision_held === null
            ? null
            : {
                held: Number(row.decision_held),
                targetReserved: Number(row.target_reserved),
                gross: Number(row.gross),
              },
      };
    })
    .sort((a, b) => (a.level < b.level ? -1 : 1));
}

/** The levels whose held counter is not the sum of their live lines (empty when all agree). */
export function heldOffLines(books: readonly LevelBooks[]): LevelBooks[] {
  return books.filter((level) => level.held !== level.liveLines);
}

/**
 * The levels left marked or whose stored decision disagrees with their held units, or whose
 * Shopify reserved target is not the live holds (capped at gross). Empty once settled.
 */
export function decisionsOffHeld(books: readonly LevelBooks[]): LevelBooks[] {
  return books.filter(
    (level) =>
      level.stale !== 0 ||
      (level.held > 0 && level.decision === null) ||
      (level.decision !== null &&
        (level.decision.held !== level.held ||
          level.decision.targetReserved !== Math.min(level.held, level.decision.gross))),
  );
}
