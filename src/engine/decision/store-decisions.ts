import type { Kysely, QueryCreator } from 'kysely';
import type { Decision } from '../../domain/decision/decide-sellable.js';
import type { Database } from '../../storage/database-schema.js';
import type { LevelKey } from '../../storage/level-keys.js';

/** Rows per statement: well inside either engine's limit on parameters. */
export const CHUNK = 500;

/**
 * Stores each level's one decision, replacing the one before (its version counts the
 * changes), a few hundred levels per statement. The levels must be distinct: PostgreSQL refuses
 * a statement that would update one row twice.
 */
export async function storeDecisions(
  db: Kysely<Database>,
  decided: readonly { key: LevelKey; decision: Decision }[],
  now: string,
): Promise<void> {
  for (let start = 0; start < decided.length; start += CHUNK) {
    await upsertDecisions(db, decided.slice(start, start + CHUNK), now).execute();
  }
}

/** The statement storing these decisions (at most `CHUNK`), for a caller that runs it. */
export function upsertDecisions(
  db: QueryCreator<Database>,
  decided: readonly { key: LevelKey; decision: Decision }[],
  now: string,
) {
  const rows = decided.map(({ key, decision }) => ({
    item_id: key.itemId,
    location_handle: key.locationHandle,
    version: 1,
    gross: decision.gross,
    buffer: decision.buffer,
    held: decision.held,
    sellable: decision.sellable,
    target_safety_stock: decision.targetSafetyStock,
    target_reserved: decision.targetReserved,
    computed_at: now,
  }));

  return db
    .insertInto('decisions')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['item_id', 'location_handle']).doUpdateSet((eb) => ({
        gross: eb.ref('excluded.gross'),
        buffer: eb.ref('excluded.buffer'),
        held: eb.ref('excluded.held'),
        sellable: eb.ref('excluded.sellable'),
        target_safety_stock: eb.ref('excluded.target_safety_stock'),
        target_reserved: eb.ref('excluded.target_reserved'),
        computed_at: eb.ref('excluded.computed_at'),
        version: eb('decisions.version', '+', 1),
      })),
    );
}
