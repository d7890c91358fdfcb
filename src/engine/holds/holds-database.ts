import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.js';
import type { HoldTables } from '../../storage/holds-schema.js';

export type HoldsDatabase = Database & HoldTables;
export type HoldsDb = Kysely<HoldsDatabase>;

/**
 * A handle (the pool, a connection or a transaction) typed with the holds' tables. `Database`
 * does not list them until the lead merges `HoldTables`; they exist once 002-holds has run.
 */
export function holdsDb(db: Kysely<Database>): HoldsDb {
  return db as unknown as HoldsDb;
}
