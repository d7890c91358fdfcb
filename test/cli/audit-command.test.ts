import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { auditDb } from '../../src/reports/audit/audit-db.js';
import { seedItemAt, seedStore } from '../engine/buffers/buffer-fixture.js';
import { openTestDatabase, testEngine } from '../support/test-storage.js';
import type { TestDatabase } from '../support/test-storage.js';

describe(`trueshelf audit import on ${testEngine}`, () => {
  let database: TestDatabase;
  let dir: string;
  let stderr: string[];
  let stdout: string[];

  beforeEach(async () => {
    database = await openTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'trueshelf-audit-cli-'));
    await seedStore(database.storage, { handle: 'brisbane', timeZone: 'Australia/Brisbane' }, null);
    await seedItemAt(
      database.storage,
      { id: 'item-a', sku: 'SKU-A', category: 'tees' },
      'brisbane',
      10,
    );
    stderr = [];
    stdout = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    vi.stubEnv('TRUESHELF_DATABASE_URL', database.url);
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    process.exitCode = undefined;
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('piped, writes its progress one line per update', async () => {
    const file = join(dir, 'counts.csv');
    writeFileSync(
      file,
      'location,sku,counted_quantity,counted_at\nbrisbane,SKU-A,9,2026-03-09T10:00:00+10:00\n',
    );

    await main(['node', 'trueshelf', 'audit', 'import', file]);

    expect(process.exitCode).toBeUndefined();
    expect(stderr.length).toBeGreaterThan(0);
    for (const text of stderr) expect(text).toMatch(/^read \d+ lines\n$/);
  });

  it('says how many counts it could not reconcile, counted before the books for their level begin', async () => {
    // The level's books begin on 1 March 2026 (its first read); the count is from 2001.
    await database.storage.db
      .insertInto('movements')
      .values({
        id: 'first-read',
        item_id: 'item-a',
        location_handle: 'brisbane',
        state: 'on_hand',
        delta: 10,
        quantity_after: 10,
        cause_kind: 'first_read',
        cause_ref: null,
        source: 'shopify_read',
        occurred_at: '2026-03-01T00:00:00.000Z',
        learned_at: '2026-03-01T00:00:00.000Z',
      })
      .execute();
    const file = join(dir, 'counts.csv');
    writeFileSync(
      file,
      'location,sku,counted_quantity,counted_at\nbrisbane,SKU-A,9,2001-03-09T10:00:00+10:00\n',
    );

    await main(['node', 'trueshelf', 'audit', 'import', file]);

    expect(process.exitCode).toBeUndefined();
    expect(stdout.join('')).toContain(
      "1 count(s) not reconciled: counted before trueshelf's books for the level begin",
    );
  });

  it('refuses a file whose header lacks a column with the code the API answers, importing nothing', async () => {
    const file = join(dir, 'counts.csv');
    writeFileSync(file, 'location,sku,counted_at\nbrisbane,SKU-A,2026-03-09T10:00:00+10:00\n');

    await main(['node', 'trueshelf', 'audit', 'import', file]);

    expect(process.exitCode).toBe(1);
    expect(stderr.join('')).toContain(
      `${file}: the count file's header row is missing counted_quantity [invalid_count_file]`,
    );
    const imports = await auditDb(database.storage)
      .selectFrom('count_imports')
      .select('id')
      .execute();
    expect(imports).toEqual([]);
  });
});
