import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.js';
import type { HoldTables } from '../../storage/holds-schema.js';
import type { VelocityTables } from '../../storage/velocity-schema.js';

export type VelocityDatabase = Database & HoldTables & VelocityTables;
export type VelocityDb = Kysely<VelocityDatabase>;

/**
 * A handle (the pool, a connection or a transaction) typed with the velocity tables. `Database`
 * does not list them until the lead merges `VelocityTables`; they exist once 006-velocity ran.
 */
export function velocityDb(db: Kysely<Database>): VelocityDb {
  return db as unknown as VelocityDb;
}
