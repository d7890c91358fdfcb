import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.js';
import type { NewHold, NewHoldOutcome } from './new-hold.js';

/**
 * A new hold on PostgreSQL: one call of `trueshelf_place_new_hold` (migration 011), which runs
 * the steps of `SqliteNewHold.place` inside the server and undoes them unless the hold is
 * placed. One round trip in its own transaction, instead of a dozen in one: the level's row is
 * locked from the claim to COMMIT only, as for the bare conditional UPDATE.
 */
export async function placeNewHoldOnPostgres(
  db: Kysely<Database>,
  hold: NewHold,
): Promise<NewHoldOutcome> {
  const items = hold.demand.map((level) => level.itemId);
  const locations = hold.demand.map((level) => level.locationHandle);
  const quantities = hold.demand.map((level) => level.quantity);

  const result = await sql<{ outcome: NewHoldOutcome }>`
    SELECT trueshelf_place_new_hold(
      ${hold.holdId}, ${hold.cartId}, ${hold.client}, ${hold.idempotencyKey},
      ${hold.fingerprint}, ${hold.now}, ${hold.expiresAt},
      CAST(${items} AS text[]), CAST(${locations} AS text[]), CAST(${quantities} AS integer[])
    ) AS outcome`.execute(db);

  const outcome = result.rows[0]?.outcome;
  if (!outcome) throw new Error('trueshelf_place_new_hold answered no row');
  return outcome;
}
