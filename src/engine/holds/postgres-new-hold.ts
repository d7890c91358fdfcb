import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.js';
import type { NewHold, NewHoldOutcome } from './new-hold.js';

/**
 * New holds on PostgreSQL: one call of `trueshelf_place_new_holds` (migration 012) for the
 * whole group, which runs the steps of `SqliteNewHold.placeAll` inside the server, in the
 * caller's transaction: one round trip however many holds, instead of a dozen each.
 */
export async function placeNewHoldsOnPostgres(
  db: Kysely<Database>,
  holds: readonly NewHold[],
): Promise<NewHoldOutcome[]> {
  const group = holds.map((hold) => ({
    holdId: hold.holdId,
    cartId: hold.cartId,
    client: hold.client,
    key: hold.idempotencyKey,
    fingerprint: hold.fingerprint,
    now: hold.now,
    expiresAt: hold.expiresAt,
    lines: hold.demand.map((level) => ({
      item: level.itemId,
      location: level.locationHandle,
      quantity: level.quantity,
    })),
  }));

  const result = await sql<{ outcomes: NewHoldOutcome[] }>`
    SELECT trueshelf_place_new_holds(CAST(${JSON.stringify(group)} AS jsonb)) AS outcomes`.execute(
    db,
  );

  const outcomes = result.rows[0]?.outcomes;
  if (!outcomes || outcomes.length !== holds.length) {
    throw new Error(
      `trueshelf_place_new_holds answered ${outcomes?.length ?? 'no'} outcomes for ${holds.length} holds`,
    );
  }
  return outcomes;
}
