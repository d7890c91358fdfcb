import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { levelKey } from '../../domain/holds/hold-demand.js';
import type { Database } from '../../storage/database-schema.js';
import { dialectOf, inLevelKeys } from '../../storage/level-keys.js';
import type { LevelKey } from '../../storage/level-keys.js';
import { holdsDb } from '../holds/holds-database.js';
import { lockLevels } from '../holds/lock-levels.js';
import { velocityDb } from '../velocity/velocity-database.js';

/** What a decision reads of a level and its location. */
export interface DecisionLevel {
  item_id: string;
  location_handle: string;
  available: number;
  placed_safety_stock: number;
  placed_reserved: number;
  connected: number;
  held: number;
  hold_expiry_bound: string | null;
  /** The level's computed buffer (velocity and the rules), else the location's setting. */
  buffer_units: number;
  managed: number;
  kind: string;
  mode: string;
  /** 1 when a "sold from under a hold" alert of the level is open: a decision may resolve it. */
  open_alert: number;
}

/**
 * 1 when the level (as `levels`) has an open "sold from under a hold" alert, else 0: one look-up
 * in the alerts' level index. Alerts of that kind are raised only by a decision, under the
 * level's lock, so the answer holds until the transaction ends.
 */
export const OPEN_ALERT = sql.raw(`CASE WHEN EXISTS (SELECT 1 FROM alerts a
    WHERE a.location_handle = levels.location_handle AND a.item_id = levels.item_id
      AND a.kind = 'sold_from_under_hold' AND a.resolved_at IS NULL) THEN 1 ELSE 0 END`);

/**
 * The levels named, by `levelKey`, in one query; a level that does not exist is left out.
 *
 * On PostgreSQL the levels' rows are locked, in lock order (store, then item, as claims take
 * them), until the caller's transaction ends: a decision is worked out from the level as it
 * stands and stored before any claim, re-read or other decision can change it. Without the
 * lock, a decision read before a claim could be stored after the claim's own, leaving the
 * claim out with no mark left to decide it again.
 *
 * The rows are locked first, in a statement of their own: a statement's snapshot is taken before
 * it waits for a lock, so a read that waited in its own `FOR UPDATE` saw the level's row as the
 * lock's holder left it but its computed buffer, location and alert as they were before (a
 * buffer recompute's new buffer, stored and decided under the lock, was then overwritten by a
 * decision from the old one). Rows the caller has locked already cost one look-up more.
 */
export async function readDecisionLevels(
  db: Kysely<Database>,
  keys: readonly LevelKey[],
): Promise<Map<string, DecisionLevel>> {
  if (keys.length === 0) return new Map();
  const dialect = dialectOf(db);
  await lockLevels(holdsDb(db), keys);

  let query = velocityDb(db)
    .selectFrom('levels')
    .innerJoin('locations', 'locations.handle', 'levels.location_handle')
    .leftJoin('level_buffers as lb', (join) =>
      join
        .onRef('lb.item_id', '=', 'levels.item_id')
        .onRef('lb.location_handle', '=', 'levels.location_handle'),
    )
    .select([
      'levels.item_id',
      'levels.location_handle',
      'levels.available',
      'levels.placed_safety_stock',
      'levels.placed_reserved',
      'levels.connected',
      'levels.held',
      'levels.hold_expiry_bound',
      sql<number>`COALESCE(lb.buffer_units, locations.buffer_units)`.as('buffer_units'),
      'locations.managed',
      'locations.kind',
      'locations.mode',
      sql<number>`${OPEN_ALERT}`.as('open_alert'),
    ])
    .where(
      inLevelKeys(dialect, keys, { item: 'levels.item_id', location: 'levels.location_handle' }),
    );
  if (dialect === 'postgres') {
    query = query
      .orderBy(sql`levels.location_handle COLLATE "C"`)
      .orderBy(sql`levels.item_id COLLATE "C"`)
      .forUpdate('levels');
  }
  const rows = await query.execute();

  return new Map(
    rows.map((row) => [
      levelKey({ itemId: row.item_id, locationHandle: row.location_handle }),
      row,
    ]),
  );
}
