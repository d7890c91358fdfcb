import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStorage } from '../../src/storage/open-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { testRunIdFromEnv, testSchemaName } from './test-schema-name.js';

/**
 * The engine every test runs on: SQLite by default; PostgreSQL when
 * TRUESHELF_TEST_ENGINE=postgres (server from TRUESHELF_TEST_DATABASE_URL, default the local
 * one on 127.0.0.1:5432). Each call gets its own throwaway database, dropped on close.
 */
export const testEngine: 'sqlite' | 'postgres' =
  process.env['TRUESHELF_TEST_ENGINE'] === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  url: string;
  storage: Storage;
  /** Another connection pool on the same database (a second instance). */
  openAnother(): Promise<Storage>;
  close(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  if (testEngine === 'postgres') return openPostgresTestDatabase();

  const dir = mkdtempSync(join(tmpdir(), 'trueshelf-test-'));
  const url = `sqlite:${join(dir, 'test.db')}`;
  const storage = await openStorage(url);
  const others: Storage[] = [];
  return {
    url,
    storage,
    openAnother: async () => {
      const other = await openStorage(url);
      others.push(other);
      return other;
    },
    close: async () => {
      for (const other of others) await other.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function serverUrl(): string {
  return (
    process.env['TRUESHELF_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  );
}

/**
 * Each test database is a fresh schema (creating whole databases costs about a second each);
 * the connection's search_path points at it, so migrations and queries land there.
 */
async function openPostgresTestDatabase(): Promise<TestDatabase> {
  const schema = testSchemaName(testRunIdFromEnv());
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();

  const url = new URL(serverUrl());
  url.searchParams.set('options', `-c search_path=${schema}`);
  const storage = await openStorage(url.toString());
  const others: Storage[] = [];

  return {
    url: url.toString(),
    storage,
    openAnother: async () => {
      const other = await openStorage(url.toString());
      others.push(other);
      return other;
    },
    // The schema is dropped by the global teardown, not here: Kysely's migrator introspects
    // every schema's tables, and a schema dropped under it by a parallel test fails that query.
    close: async () => {
      for (const other of others) await other.close();
      await storage.close();
    },
  };
}
