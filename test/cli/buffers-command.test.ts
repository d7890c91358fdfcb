import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { velocityDb } from '../../src/engine/velocity/velocity-database.js';
import { seedItemAt, seedStore } from '../engine/buffers/buffer-fixture.js';
import { openTestDatabase, testEngine } from '../support/test-storage.js';
import type { TestDatabase } from '../support/test-storage.js';

describe(`trueshelf buffers on ${testEngine}`, () => {
  let database: TestDatabase;
  let dir: string;
  let stdout: string[];

  beforeEach(async () => {
    database = await openTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'trueshelf-buffers-'));
    const { storage } = database;
    await seedStore(storage, { handle: 'brisbane', timeZone: 'Australia/Brisbane' }, null);
    await seedItemAt(storage, { id: 'item-a', sku: 'SKU-A', category: 'tees' }, 'brisbane', 10);
    await seedItemAt(storage, { id: 'item-b', sku: 'SKU-B', category: null }, 'brisbane', 1);
    await seedItemAt(storage, { id: 'item-c', sku: 'SKU-C', category: 'tees' }, 'brisbane', 0);
    stdout = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    vi.stubEnv('TRUESHELF_DATABASE_URL', database.url);
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    process.exitCode = undefined;
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('import-sales lists bad rows by line number, imports nothing and exits 1', async () => {
    const file = join(dir, 'sales.csv');
    writeFileSync(
      file,
      'location,sku,date,quantity\nbrisbane,SKU-A,2026-03-09,4\nbrisbane,NOPE,2026-03-09,1\n',
    );

    await main(['node', 'trueshelf', 'buffers', 'import-sales', file]);

    expect(process.exitCode).toBe(1);
    expect(stdout.join('')).toContain("line 3: sku 'NOPE' matches no item [unknown_sku]");
    expect(stdout.join('')).toContain('1 bad of 2 rows: nothing imported');
    const sales = await velocityDb(database.storage.db).selectFrom('sales').selectAll().execute();
    expect(sales).toEqual([]);
  });

  it('preview shows per store and category what the rules would hold back, as CSV', async () => {
    const rules = join(dir, 'rules.yaml');
    writeFileSync(
      rules,
      [
        'version: 1',
        'chainDefault: { policy: { kind: fixed, units: 0 } }',
        'rules:',
        '  - { scope: category, category: tees, policy: { kind: fixed, units: 2 } }',
        '  - { scope: location, location: brisbane, policy: { kind: fixed, units: 3 } }',
      ].join('\n'),
    );

    await main(['node', 'trueshelf', 'buffers', 'preview', '--rules', rules, '--format', 'csv']);

    // tees: item-a 2 of its 10, item-c 0 of its 0 (a buffer holds back only units there);
    // item-b, no category, takes the location rule: 3, of which its 1 unit is held back.
    expect(stdout.join('').trim().split('\n')).toEqual([
      'location,category,levels,currentHeldBack,proposedHeldBack,currentBufferUnits,proposedBufferUnits,levelsWithoutVelocity',
      'brisbane,(none),1,0,1,0,3,0',
      'brisbane,tees,2,0,2,0,4,0',
    ]);
  });
});
