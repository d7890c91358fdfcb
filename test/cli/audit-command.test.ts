import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { seedItemAt, seedStore } from '../engine/buffers/buffer-fixture.js';
import { openTestDatabase, testEngine } from '../support/test-storage.js';
import type { TestDatabase } from '../support/test-storage.js';

describe(`trueshelf audit import on ${testEngine}`, () => {
  let database: TestDatabase;
  let dir: string;
  let stderr: string[];

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
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
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
});
