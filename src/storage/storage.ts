import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * The storage port: a typed Kysely handle on one of two engines. Queries are written once
 * against it; what differs between engines (row locks, pool, advisory locks) lives in the
 * adapters and is asked for through the flags here.
 */
export interface Storage {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** PostgreSQL can lock claimed rows (`FOR UPDATE SKIP LOCKED`); SQLite has one writer. */
  readonly supportsRowLocks: boolean;
  /** PostgreSQL: the schema the URL selects with `options=-c search_path=NAME`, if any. */
  readonly schema?: string;
  close(): Promise<void>;
}
