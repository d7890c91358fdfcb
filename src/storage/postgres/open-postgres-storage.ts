import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../database-schema.js';
import type { Storage } from '../storage.js';

export interface PostgresOptions {
  maxConnections?: number;
  statementTimeoutMs?: number;
}

/** PostgreSQL through `pg`'s pool. Integers come back as JS numbers (int4), counts as strings. */
export function openPostgresStorage(url: string, options: PostgresOptions = {}): Storage {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
  });

  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });

  const schema = /search_path=([A-Za-z_][A-Za-z0-9_]*)/.exec(
    new URL(url).searchParams.get('options') ?? '',
  )?.[1];

  return {
    db,
    dialect: 'postgres',
    supportsRowLocks: true,
    ...(schema ? { schema } : {}),
    close: async () => {
      await db.destroy();
    },
  };
}
