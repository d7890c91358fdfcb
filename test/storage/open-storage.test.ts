import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../src/storage/migrations/index.js';
import { migrate } from '../../src/storage/open-storage.js';
import { openTestDatabase, testEngine } from '../support/test-storage.js';
import type { TestDatabase } from '../support/test-storage.js';

describe(`storage on ${testEngine}`, () => {
  let database: TestDatabase | null = null;
  afterEach(async () => {
    await database?.close();
    database = null;
  });

  it('creates every table of the schema', async () => {
    database = await openTestDatabase();
    const tables = await database.storage.db.introspection.getTables();
    const ours = tables.filter(
      (t) => database?.storage.schema === undefined || t.schema === database.storage.schema,
    );
    const names = ours.map((t) => t.name);

    for (const spine of [
      'decisions',
      'deliveries',
      'fact_lines',
      'items',
      'levels',
      'locations',
      'movements',
      'orders',
      'outbox',
      'pushes',
      'read_queue',
    ]) {
      expect(names).toContain(spine);
    }
  });

  it('applies migrations once when two instances start together', async () => {
    database = await openTestDatabase();
    const other = await database.openAnother();

    await Promise.all([migrate(database.storage), migrate(other), migrate(database.storage)]);

    const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(
      database.storage.db,
    );
    expect(applied.rows.map((r) => r.name).sort()).toEqual(Object.keys(migrations).sort());
  });

  it.skipIf(testEngine !== 'sqlite')(
    'syncs each SQLite commit (synchronous FULL in WAL mode), so an answer survives a power loss',
    async () => {
      database = await openTestDatabase();
      const connection = database.storage.sqlite;

      // SQLite reports synchronous as a number: 2 is FULL (NORMAL is 1).
      expect(connection?.pragma('synchronous', { simple: true })).toBe(2);
      expect(connection?.pragma('journal_mode', { simple: true })).toBe('wal');
    },
  );
});
