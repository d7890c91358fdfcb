import pg from 'pg';

/**
 * PostgreSQL runs only: each test database is a schema `t_<hex>`; they are all dropped once the
 * whole run is over (and any left by an interrupted run, at the start).
 */
export async function setup(): Promise<() => Promise<void>> {
  if (process.env['TRUESHELF_TEST_ENGINE'] !== 'postgres') return async () => undefined;
  await dropTestSchemas();
  return dropTestSchemas;
}

async function dropTestSchemas(): Promise<void> {
  const client = new pg.Client({
    connectionString:
      process.env['TRUESHELF_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(
      "SELECT nspname FROM pg_namespace WHERE nspname ~ '^t_[0-9a-f]{12}$'",
    );
    for (const { nspname } of rows) await client.query(`DROP SCHEMA IF EXISTS ${nspname} CASCADE`);
  } finally {
    await client.end();
  }
}
