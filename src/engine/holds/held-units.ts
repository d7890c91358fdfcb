import { sql } from 'kysely';
import { sellableForClaim } from '../../domain/holds/hold-claim.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import type { HoldsDb } from './holds-database.js';
import { BUFFER_OF_LEVEL, GROSS_OF_LEVEL } from './level-claim-sql.js';

export interface LevelRef {
  itemId: string;
  locationHandle: string;
}

const bufferOfLevel = sql.raw<number>(BUFFER_OF_LEVEL);
const grossOfLevel = sql.raw<number>(GROSS_OF_LEVEL);

/**
 * Claims `quantity` units at a level in one statement, the check inside its WHERE, and marks the
 * level's decision stale (the stale-level refresher decides it after COMMIT): the units
 * are claimed only if gross − buffer − held still covers them (`claimCovers`, the same
 * inequality, which the simulator's hold book runs; test/engine/holds/claim-rule.test.ts
 * keeps the two equal). On PostgreSQL (READ COMMITTED) a
 * concurrent claim waits for the row lock and re-checks the condition against the committed
 * row, so no unit is claimed twice; SQLite has one writer at a time.
 */
export async function claimHeldUnits(
  db: HoldsDb,
  level: LevelRef,
  quantity: number,
  expiresAt: string,
): Promise<boolean> {
  const result = await db
    .updateTable('levels')
    .set({
      held: sql<number>`held + ${quantity}`,
      decision_stale: 1,
      hold_expiry_bound: expiryBoundAfterClaim(expiresAt),
    })
    .where('item_id', '=', level.itemId)
    .where('location_handle', '=', level.locationHandle)
    .where(sql<boolean>`${grossOfLevel} - ${bufferOfLevel} - levels.held >= ${quantity}`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The level's expiry bound once a hold expiring at `expiresAt` joins it (SET sees the row as it
 * was): with nothing held before, the new hold is the only one; an unknown bound stays unknown,
 * since earlier holds may expire sooner; else the earlier of the two.
 */
function expiryBoundAfterClaim(expiresAt: string) {
  return sql<string | null>`CASE
    WHEN held = 0 THEN ${expiresAt}
    WHEN hold_expiry_bound IS NULL THEN NULL
    WHEN hold_expiry_bound > ${expiresAt} THEN ${expiresAt}
    ELSE hold_expiry_bound END`;
}

/**
 * Returns a hold's units at a level. Only called after the hold's own status change succeeded
 * in the same transaction, so each hold returns its units once; the guard `held >= quantity`
 * failing means the counter no longer matches the live holds, which is a fault, not a refusal.
 */
export async function returnHeldUnits(
  db: HoldsDb,
  level: LevelRef,
  quantity: number,
): Promise<void> {
  const result = await db
    .updateTable('levels')
    .set({ held: sql<number>`held - ${quantity}` })
    .where('item_id', '=', level.itemId)
    .where('location_handle', '=', level.locationHandle)
    .where('held', '>=', quantity)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 1) return;

  throw new TrueshelfError(
    'internal',
    `held units at ${level.locationHandle} for ${level.itemId} are fewer than a live hold's ${quantity}`,
    { ...level, quantity, expected: 'levels.held to be the sum of live hold lines' },
  );
}

/** What a level could still promise now (for a refusal's details): gross − buffer − held. */
export async function unclaimedAt(db: HoldsDb, level: LevelRef): Promise<number> {
  const row = await db
    .selectFrom('levels')
    .select([
      sql<number>`${grossOfLevel}`.as('gross'),
      sql<number>`${bufferOfLevel}`.as('buffer'),
      'levels.held',
    ])
    .where('item_id', '=', level.itemId)
    .where('location_handle', '=', level.locationHandle)
    .executeTakeFirst();
  if (!row) return 0;
  return sellableForClaim({
    gross: Number(row.gross),
    buffer: Number(row.buffer),
    held: Number(row.held),
  });
}
