import pg from 'pg';
import { isDroppableSchema, newTestRunId, setTestRunId } from './test-schema-name.js';

/**
 * PostgreSQL runs only: each test database is a schema `t_<run>_<hex>`. At the end of the run its
 * own schemas are dropped; at the start, those an interrupted run left hours ago. Another run
 * going on at the same time keeps its schemas.
 */
export async function setup(): Promise<() => Promise<void>> {
  if (process.env['TRUESHELF_TEST_ENGINE'] !== 'postgres') return async () => undefined;

  const run = newTestRunId();
  setTestRunId(run);
  await dropTestSchemas(run);
  return () => dropTestSchemas(run);
}

async function dropTestSchemas(run: string): Promise<void> {
  const client = new pg.Client({
    connectionString:
      process.env['TRUESHELF_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(
      "SELECT nspname FROM pg_namespace WHERE nspname LIKE 't\\_%'",
    );
    for (const { nspname } of rows) {
      if (isDroppableSchema(nspname, run)) {
        await client.query(`DROP SCHEMA IF EXISTS ${nspname} CASCADE`);
      }
    }
  } finally {
    await client.end();
  }
}
