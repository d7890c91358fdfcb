import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { simulateRuleOutlook } from '../../src/engine/buffers/simulate-rule-outlook.js';
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

  it('import-sales, piped, writes its progress one line per update', async () => {
    const file = join(dir, 'sales.csv');
    writeFileSync(file, 'location,sku,date,quantity\nbrisbane,SKU-A,2026-03-09,4\n');
    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });

    await main(['node', 'trueshelf', 'buffers', 'import-sales', file]);

    expect(process.exitCode).toBeUndefined();
    expect(stderr.length).toBeGreaterThan(0);
    for (const text of stderr) expect(text).toMatch(/^read \d+ lines\n$/);
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

  it('preview --sales adds the simulator’s broken promises under the current and the proposed rules', async () => {
    const rules = join(dir, 'rules.yaml');
    writeFileSync(rules, 'version: 1\nchainDefault: { policy: { kind: fixed, units: 2 } }\n');
    const sales = join(dir, 'sales.csv');
    const lines = ['date,store,sku,units'];
    for (let day = 1; day <= 14; day += 1) {
      const date = `2024-03-${String(day).padStart(2, '0')}`;
      lines.push(`${date},S1,A,${(day % 4) + 2}`, `${date},S1,B,${day % 3}`);
    }
    writeFileSync(sales, `${lines.join('\n')}\n`);

    await main([
      'node',
      'trueshelf',
      'buffers',
      'preview',
      '--rules',
      rules,
      '--sales',
      sales,
      '--days',
      '10',
      '--seed',
      '4',
      '--format',
      'json',
    ]);

    // No rules stored and brisbane's bufferUnits is 0: the current rules are a zero buffer.
    const expected = await simulateRuleOutlook(
      sales,
      {
        current: {
          version: 1,
          chainDefault: { id: 'no-rules', policy: { kind: 'fixed', units: 0 } },
        },
        proposed: { version: 1, chainDefault: { policy: { kind: 'fixed', units: 2 } } },
      },
      { days: 10, seed: 4 },
    );
    const printed = JSON.parse(stdout.join('')) as { expectedBrokenPromises: unknown };
    expect(printed.expectedBrokenPromises).toEqual(expected);
    expect(expected).toMatchObject({ days: 10, seed: 4, stores: ['S1'] });
    expect(expected.current.meanBufferUnits).toBe(0);
    expect(expected.proposed.meanBufferUnits).toBe(2);
  });

  it('preview refuses a --days that is not a whole number and simulates nothing', async () => {
    const rules = join(dir, 'rules.yaml');
    writeFileSync(rules, 'version: 1\nchainDefault: { policy: { kind: fixed, units: 2 } }\n');
    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });

    await main([
      'node',
      'trueshelf',
      'buffers',
      'preview',
      '--rules',
      rules,
      '--sales',
      join(dir, 'missing.csv'),
      '--days',
      '2.5',
    ]);

    expect(process.exitCode).toBe(1);
    expect(stderr.join('')).toContain('--days 2.5: expected a whole number ≥ 1');
    expect(stdout).toEqual([]);
  });
});
