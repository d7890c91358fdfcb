import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../database-schema.js';
import type { Storage } from '../storage.js';

/**
 * SQLite through better-sqlite3 in WAL mode. Kysely's SQLite driver serialises every query and
 * transaction on one connection, so a conditional UPDATE is never interleaved with another.
 */
export function openSqliteStorage(path: string): Storage {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });

  const connection = new BetterSqlite3(path);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('busy_timeout = 5000');
  connection.pragma('foreign_keys = ON');

  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });

  return {
    db,
    dialect: 'sqlite',
    supportsRowLocks: false,
    close: async () => {
      await db.destroy();
    },
  };
}
