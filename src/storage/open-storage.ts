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
  const { error, results } = await migrator.migrateToLatest();
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

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//[redacted]@');
}
