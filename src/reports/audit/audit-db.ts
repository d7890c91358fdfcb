import type { Kysely } from 'kysely';
import type { AuditTables } from '../../storage/audit-schema.js';
import type { Database } from '../../storage/database-schema.js';
import type { Storage } from '../../storage/storage.js';

export type AuditDatabase = Database & AuditTables;
export type AuditDb = Kysely<AuditDatabase>;

/**
 * The storage handle with the audit's tables in its type. Until `AuditTables` is merged into
 * `Database` the port's handle does not know them; the tables exist once 003-counts has run.
 */
export function auditDb(storage: Storage): AuditDb {
  return storage.db as unknown as AuditDb;
}
