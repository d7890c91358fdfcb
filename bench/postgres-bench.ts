import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { spawnInstance, writeConfigFile } from '../test/support/instance-process.js';
import type { InstanceProcess } from '../test/support/instance-process.js';
import { openStorage } from '../src/storage/open-storage.js';
import { signedDelivery } from './ingest-bench.js';
import { generateLoad } from './load-generator.js';
import type { LoadResult } from './load-generator.js';

const SERVER =
  process.env['TRUESHELF_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Signed-delivery ingest on PostgreSQL with `instances` ingest-only `trueshelf serve`
 * processes behind a round-robin load generator, on a database created for the run.
 */
export async function runPostgresIngestBench(options: {
  instances: number;
  seconds: number;
  connections: number;
}): Promise<LoadResult> {
  const name = `trueshelf_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  await (await openStorage(url.toString())).close();

  const file = writeConfigFile(
    join(mkdtempSync(join(tmpdir(), 'trueshelf-pgbench-')), 'trueshelf.yaml'),
    {
      databaseUrl: url.toString(),
      logLevel: 'warn',
      shopify: {
        shop: 'bench.myshopify.com',
        webhookSecret: 'bench-webhook-secret',
        accessToken: 'unused',
        adminUrl: 'http://127.0.0.1:9',
      },
    },
  );
  const instances: InstanceProcess[] = await Promise.all(
    Array.from({ length: options.instances }, () => spawnInstance(file, {}, ['--ingest-only'])),
  );
  try {
    return await generateLoad({
      url: `${instances[0]?.url}/webhooks/shopify`,
      urls: instances.map((i) => `${i.url}/webhooks/shopify`),
      connections: options.connections,
      seconds: options.seconds,
      maxRequests: 2_000_000,
      make: (i) => signedDelivery(i),
    });
  } finally {
    for (const instance of instances) await instance.kill('SIGTERM');
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
