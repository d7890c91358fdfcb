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
  // FULL: each COMMIT syncs the write-ahead log before it returns, so what trueshelf answered
  // (a webhook's 200, a hold's 201) survives a power loss or an OS crash, as a PostgreSQL
  // commit does. NORMAL syncs only at checkpoints: a process crash loses nothing, but a power
  // loss can roll back the last commits, answers already given. The write batch groups the
  // transactions that arrive together, so one sync (about 0.14 ms here) serves many.
  connection.pragma('synchronous = FULL');
  // A checkpoint copies each page once however often it changed since the last, and syncs the
  // file: every 10,000 WAL pages (about 40 MB) rather than SQLite's 1,000, a hold's pages, which
  // many holds rewrite, are copied and synced a tenth as often.
  connection.pragma('wal_autocheckpoint = 10000');
  connection.pragma('busy_timeout = 5000');
  connection.pragma('foreign_keys = ON');

  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(connection) }),
  });

  return {
    db,
    dialect: 'sqlite',
    supportsRowLocks: false,
    sqlite: connection,
    backgroundDb: db,
    close: async () => {
      await db.destroy();
    },
  };
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver prepares every query afresh; preparing costs as much as running a
 * short statement. The same few statements run all day, so prepared ones are kept by their SQL
 * text. Safe because the driver uses the connection for one query at a time.
 */
function withStatementCache(connection: BetterSqlite3.Database): BetterSqlite3.Database {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = connection.prepare.bind(connection);
  return new Proxy(connection, {
    get(target, property, receiver) {
      if (property !== 'prepare') {
        const value = Reflect.get(target, property, receiver) as unknown;
        // Native methods need the real connection as `this`, not the proxy.
        return typeof value === 'function'
          ? (value as (...args: unknown[]) => unknown).bind(target)
          : value;
      }
      return (sql: string) => {
        const cached = cache.get(sql);
        if (cached) return cached;
        const statement = prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
        cache.set(sql, statement);
        return statement;
      };
    },
  });
}
