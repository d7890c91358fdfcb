import type BetterSqlite3 from 'better-sqlite3';
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
  /**
   * SQLite: the connection itself, for the few hot statements run synchronously as prepared
   * statements (a hold's claim). Only use it inside `db.connection().execute(...)`, which holds
   * Kysely's one connection, so no Kysely query or transaction interleaves with them.
   */
  readonly sqlite?: BetterSqlite3.Database;
  /**
   * For the engine's own follow-up work on what requests just committed (deciding the levels
   * holds claimed): on PostgreSQL a second pool of its own, so that work never waits in the
   * main pool's queue behind the requests that cause it; on SQLite, `db` itself.
   */
  readonly backgroundDb: Kysely<Database>;
  close(): Promise<void>;
}
