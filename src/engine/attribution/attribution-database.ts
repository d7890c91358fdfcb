import type { Kysely } from 'kysely';
import type { AttributionTables } from '../../storage/attribution-schema.js';
import type { Database } from '../../storage/database-schema.js';

export type AttributionDatabase = Database & AttributionTables;
export type AttributionDb = Kysely<AttributionDatabase>;

/**
 * A handle (the pool, a connection or a transaction) typed with the attribution tables, which
 * exist once 008-attribution has run; `Database` does not list them until the lead merges them.
 */
export function attributionDb(db: Kysely<Database>): AttributionDb {
  return db as unknown as AttributionDb;
}
