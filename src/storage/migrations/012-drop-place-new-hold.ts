import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * PostgreSQL only: drops migration 011's `trueshelf_place_new_hold`. A cart's first hold is now
 * placed in a group, with two statements for the whole group written against the tables
 * (`placeNewHoldsOnPostgres`), and decided in TypeScript (`arbitrateNewHolds`), the same
 * function SQLite's statements use: the claim's rules live in one place again, and no SQL of
 * the claim's check is repeated in a function body.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;

  await sql`DROP FUNCTION IF EXISTS trueshelf_place_new_hold(
    text, text, text, text, text, text, text, text[], text[], integer[])`.execute(db);
}
