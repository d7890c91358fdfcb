import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { attributionDb } from '../../src/engine/attribution/attribution-database.js';
import { openTestDatabase, testEngine } from '../support/test-storage.js';
import type { TestDatabase } from '../support/test-storage.js';

describe(`trueshelf report attribution on ${testEngine}`, () => {
  let database: TestDatabase;
  let dir: string;
  let stderr: string[];

  beforeEach(async () => {
    database = await openTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'trueshelf-attribution-'));
    stderr = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    // Store "sydney" (UTC+11 in March) sold $42.00 at 14:00 UTC on 1 March: 01:00 on 2 March there.
    await attributionDb(database.storage.db)
      .insertInto('attribution_entries')
      .values({
        id: 'e1',
        entry_key: 'k1',
        order_id: '1',
        order_name: '#1',
        cause: 'sale',
        cause_ref: '1',
        line_item_id: 'L1',
        class: 'pos_carry_out',
        channel: 'pos',
        credit: 'sale',
        party: 'selling_store',
        party_ref: 'sydney',
        selling_handle: 'sydney',
        fulfilling_handle: 'sydney',
        staff_id: '5',
        day_handle: 'sydney',
        amount_minor: 4200,
        currency: 'AUD',
        presentment_amount_minor: 4200,
        presentment_currency: 'AUD',
        occurred_at: '2026-03-01T14:00:00.000Z',
        recorded_at: '2026-03-01T14:00:01.000Z',
      })
      .execute();
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the CSV for the store-local day and prints a line per store', async () => {
    const file = join(dir, 'trueshelf.json');
    writeFileSync(
      file,
      JSON.stringify({
        databaseUrl: database.url,
        logLevel: 'silent',
        locations: [{ handle: 'sydney', timeZone: 'Australia/Sydney' }],
      }),
    );
    const out = join(dir, 'attribution.csv');

    await main([
      'node',
      'trueshelf',
      '--config',
      file,
      'report',
      'attribution',
      '--from',
      '2026-03-02',
      '--to',
      '2026-03-02',
      '--format',
      'csv',
      '--out',
      out,
    ]);

    expect(process.exitCode).toBeUndefined();
    expect(readFileSync(out, 'utf8')).toContain(
      '2026-03-02,sydney,Australia/Sydney,pos,pos_carry_out,sale,selling_store,,AUD,42.00,0.00,1',
    );
    expect(stderr.join('')).toContain('sydney: sale 42.00 AUD, fulfilment 0.00 AUD, 1 orders');
  });

  it('refuses an unknown format, saying which were expected', async () => {
    await main([
      'node',
      'trueshelf',
      'report',
      'attribution',
      '--from',
      '2026-03-02',
      '--to',
      '2026-03-02',
      '--format',
      'pdf',
    ]);
    expect(process.exitCode).toBe(1);
    expect(stderr.join('')).toContain(
      '--format is "pdf"; expected one of html, csv, json [invalid_request]',
    );
  });
});
