import { Migrator } from 'kysely';
import { TrueshelfError } from '../shared/error-catalogue.js';
import { migrations } from './migrations/index.js';
import { openPostgresStorage } from './postgres/open-postgres-storage.js';
import type { PostgresOptions } from './postgres/open-postgres-storage.js';
import { openSqliteStorage } from './sqlite/open-sqlite-storage.js';
import type { Storage } from './storage.js';

/** Opens `sqlite:PATH` or `postgres://...` and applies pending migrations. */
export async function openStorage(url: string, options: PostgresOptions = {}): Promise<Storage> {
  const storage = openByUrl(url, options);
  await migrate(storage);
  return storage;
}

function openByUrl(url: string, options: PostgresOptions): Storage {
  if (url.startsWith('sqlite:'))
    return openSqliteStorage(url.slice('sqlite:'.length) || ':memory:');
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return openPostgresStorage(url, options);
  }
  throw new TrueshelfError(
    'config_invalid',
    `database URL "${redactUrl(url)}" is neither sqlite: nor postgres://`,
    {},
  );
}

/**
 * Kysely's migrator takes a lock first (on PostgreSQL an advisory lock), so two instances
 * starting together apply each migration once.
 */
export async function migrate(storage: Storage): Promise<void> {
  // Kysely's check for its migration table looks across all schemas: name ours.
  const schema = storage.schema;
  const migrator = new Migrator({
    db: storage.db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });

  let outcome = await migrator.migrateToLatest();
  for (let retry = 1; retry <= SCHEMA_RACE_RETRIES && droppedElsewhere(outcome.error); retry++) {
    await new Promise((resolve) => setTimeout(resolve, 50 * retry));
    outcome = await migrator.migrateToLatest();
  }

  const { error, results } = outcome;
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new TrueshelfError(
      'storage_failure',
      `migration ${failed} failed`,
      { failed },
      { cause: error },
    );
  }
}

/**
 * Kysely's introspection reads the catalogue of every schema in the database; a schema another
 * tenant or test run drops during that read fails it with 3F000 (invalid schema name), though
 * nothing is wrong with ours. On PostgreSQL Kysely applies the pending migrations in one
 * transaction, so a failed attempt left nothing behind and retrying is safe.
 */
const SCHEMA_RACE_RETRIES = 5;

function droppedElsewhere(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  return (error as { code?: unknown }).code === '3F000';
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//[redacted]@');
}
