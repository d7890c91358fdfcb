import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.js';
import type { ErpTables } from '../../storage/erp-schema.js';
import type { Storage } from '../../storage/storage.js';

export type ErpDatabase = Database & ErpTables;

/**
 * The storage handle typed with the ERP tables. `Database` does not list them yet (the lead
 * merges `ErpTables` into it); until then this cast is the one place that knows.
 */
export function erpDb(storage: Storage): Kysely<ErpDatabase> {
  return storage.db as unknown as Kysely<ErpDatabase>;
}

/** The same cast for a transaction handle taken from `storage.db`. */
export function erpTrx(trx: Kysely<Database>): Kysely<ErpDatabase> {
  return trx as unknown as Kysely<ErpDatabase>;
}
