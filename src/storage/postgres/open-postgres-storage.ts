import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../database-schema.js';
import type { Storage } from '../storage.js';

export interface PostgresOptions {
  maxConnections?: number;
  statementTimeoutMs?: number;
}

/**
 * Connections of the background pool (`Storage.backgroundDb`): the refresher runs one decision
 * round at a time, and a second serves the sweeper's round beside it.
 */
const BACKGROUND_CONNECTIONS = 2;

/** PostgreSQL through `pg`'s pool. Integers come back as JS numbers (int4), counts as strings. */
export function openPostgresStorage(url: string, options: PostgresOptions = {}): Storage {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
  });

  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const backgroundPool = new pg.Pool({
    connectionString: url,
    max: BACKGROUND_CONNECTIONS,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
  });
  const backgroundDb = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: backgroundPool }),
  });

  const schema = /search_path=([A-Za-z_][A-Za-z0-9_]*)/.exec(
    new URL(url).searchParams.get('options') ?? '',
  )?.[1];

  return {
    db,
    dialect: 'postgres',
    supportsRowLocks: true,
    backgroundDb,
    ...(schema ? { schema } : {}),
    close: async () => {
      await backgroundDb.destroy();
      await db.destroy();
    },
  };
}
