import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startNetSuiteSandbox } from '../../src/sandbox/netsuite/start-netsuite-sandbox.js';
import type { NetSuiteSandbox } from '../../src/sandbox/netsuite/start-netsuite-sandbox.js';
import { seedItem, seedLevel, seedLocation } from '../engine/erp/erp-fixture.js';
import { openTestDatabase, testEngine } from '../support/test-storage.js';
import type { TestDatabase } from '../support/test-storage.js';

const ACCOUNT_ID = '1234567_SB1';
const tba = {
  consumerKey: 'cli-consumer-key',
  consumerSecret: 'cli-consumer-secret',
  tokenId: 'cli-token-id',
  tokenSecret: 'cli-token-secret',
};

/*
 * By hand: item A (cost 500) has on hand 10 in the mirror at downtown and 12 in NetSuite's
 * books at location 7. No sale or correction explains it: unexplained 10 − 12 = −2 units,
 * −2 × 500 = −1000 cents. The mirror stands in for Shopify, so shopify_on_hand is empty.
 */
describe(`trueshelf reconcile netsuite on ${testEngine}`, () => {
  let database: TestDatabase;
  let sandbox: NetSuiteSandbox;
  let dir: string;
  let stdout: string[];
  let stderr: string[];

  beforeEach(async () => {
    database = await openTestDatabase();
    sandbox = await startNetSuiteSandbox({ accountId: ACCOUNT_ID, tba });
    dir = mkdtempSync(join(tmpdir(), 'trueshelf-reconcile-'));

    await seedLocation(database.storage, { handle: 'downtown', netsuiteId: '7' });
    await seedItem(database.storage, { id: 'A', sku: 'TEE-A', costCents: 500 });
    await seedLevel(database.storage, 'A', 'downtown', 10);
    sandbox.store.setItem({ id: '10', itemid: 'TEE-A' });
    sandbox.store.setItemLocation({ item: '10', location: '7', onHand: 12 });

    stdout = [];
    stderr = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
    await sandbox.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A config file; JSON is YAML too. */
  const configFile = (netsuite: Record<string, unknown>): string => {
    const file = join(dir, 'trueshelf.json');
    writeFileSync(
      file,
      JSON.stringify({ databaseUrl: database.url, logLevel: 'silent', netsuite }),
    );
    return file;
  };

  it('polls NetSuite over TBA, writes the CSV report and prints the totals per store', async () => {
    const file = configFile({
      accountId: ACCOUNT_ID,
      baseUrl: sandbox.url,
      authScheme: 'tba',
      ...tba,
    });
    const out = join(dir, 'report.csv');

    await main([
      'node',
      'trueshelf',
      '--config',
      file,
      'reconcile',
      'netsuite',
      '--poll',
      '--format',
      'csv',
      '--out',
      out,
    ]);

    expect(stderr.join('')).toBe('');
    expect(process.exitCode).toBeUndefined();
    expect(readFileSync(out, 'utf8')).toBe(
      'location,netsuite_location_id,item_id,sku,netsuite_item_id,class,units,value_cents,' +
        'shopify_on_hand,mirror_on_hand,netsuite_on_hand,refs\r\n' +
        'downtown,7,A,TEE-A,10,unexplained,-2,-1000,,10,12,\r\n',
    );
    expect(stdout.join('')).toBe(
      'downtown (NetSuite 7): 1 of 1 levels differ; unexplained -2 units, value -10.00\n',
    );
    expect(sandbox.store.authFailures).toEqual([]);
  });

  it('prints the JSON report on stdout and the totals on stderr without --out', async () => {
    const file = configFile({
      accountId: ACCOUNT_ID,
      baseUrl: sandbox.url,
      authScheme: 'tba',
      ...tba,
    });

    await main(['node', 'trueshelf', '--config', file, 'reconcile', 'netsuite', '--poll']);

    const report = JSON.parse(stdout.join('')) as {
      lines: Array<{ itemId: string; differences: unknown[] }>;
      totals: Array<{ levelsCompared: number; byClass: Record<string, { units: number }> }>;
    };
    expect(report.lines).toEqual([
      expect.objectContaining({
        itemId: 'A',
        mirrorOnHand: 10,
        netsuiteOnHand: 12,
        differences: [{ class: 'unexplained', units: -2, valueCents: -1000, refs: [] }],
      }),
    ]);
    expect(report.totals[0]?.byClass['unexplained']?.units).toBe(-2);
    expect(stderr.join('')).toBe(
      'downtown (NetSuite 7): 1 of 1 levels differ; unexplained -2 units, value -10.00\n',
    );
  });

  it('without --poll compares with what was stored, and NetSuite has stored nothing yet', async () => {
    const file = configFile({
      accountId: ACCOUNT_ID,
      baseUrl: sandbox.url,
      authScheme: 'tba',
      ...tba,
    });

    await main(['node', 'trueshelf', '--config', file, 'reconcile', 'netsuite']);

    // The item is not matched to NetSuite until a poll has seen it: no level is compared.
    expect(stderr.join('')).toBe('downtown (NetSuite 7): 0 of 0 levels differ\n');
  });

  it('names TRUESHELF_NETSUITE_ACCOUNT_ID when no NetSuite account is configured', async () => {
    const file = configFile({});

    await main(['node', 'trueshelf', '--config', file, 'reconcile', 'netsuite']);

    expect(process.exitCode).toBe(1);
    expect(stderr.join('')).toContain('TRUESHELF_NETSUITE_ACCOUNT_ID');
    expect(stderr.join('')).toContain('[config_invalid]');
    expect(sandbox.store.requests).toEqual([]);
  });
});
