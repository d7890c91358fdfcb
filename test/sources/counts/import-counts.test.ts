import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditDb } from '../../../src/reports/audit/audit-db.js';
import { importCounts } from '../../../src/sources/counts/import-counts.js';
import type { Storage } from '../../../src/storage/storage.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import {
  LevelLedger,
  at,
  clockAt,
  seedItem,
  seedLocation,
} from '../../reports/audit/audit-fixture.js';

const NOW = clockAt('2026-03-02T00:00:00.000Z');

const FILE_WITH_BAD_ROWS = [
  'location,sku,counted_quantity,counted_at,counter,area',
  'north,KETTLE,8,2026-03-01T12:00:00+10:00,ana,floor',
  'north,NOPE,3,2026-03-01T12:00:00+10:00,ana,floor',
  'north,MUG,-2,2026-03-01T12:00:00+10:00,ana,floor',
  'north,MUG,4,2026-13-01T12:00:00+10:00,ana,floor',
  'north,MUG,4,2026-03-01',
  'north,MUG,4,2026-03-01T12:00:00,ana,floor',
  'north,MUG,2.5,2026-03-01T12:00:00Z,ana,floor',
  'nowhere,MUG,1,2026-03-01T12:00:00Z,ana,floor',
  'north,SHARED,1,2026-03-01T12:00:00Z,ana,floor',
  '',
  'north,MUG,5,"2026-03-01T12:00:00Z",ana,"back, room"',
  'north,MUG,x,2026-03-01T12:00:00Z,ana,floor',
];

const EXPECTED_REASONS = [
  [3, 'unknown_sku'],
  [4, 'negative_count'],
  [5, 'invalid_counted_at'],
  [6, 'wrong_column_count'],
  [7, 'counted_at_without_zone'],
  [8, 'fractional_count'],
  [9, 'unknown_location'],
  [10, 'ambiguous_sku'],
  [13, 'invalid_count'],
];

describe(`count import on ${testEngine}`, () => {
  let database: TestDatabase;
  let storage: Storage;

  beforeEach(async () => {
    database = await openTestDatabase();
    storage = database.storage;
    await seedLocation(storage, { handle: 'north' });
    await seedItem(storage, { id: 'kettle', sku: 'KETTLE', barcode: '9300000000011' });
    await seedItem(storage, { id: 'mug', sku: 'MUG', barcode: '9300000000028' });
    await seedItem(storage, { id: 'shared-a', sku: 'SHARED' });
    await seedItem(storage, { id: 'shared-b', sku: 'SHARED' });
    await seedItem(storage, { id: 'gone', sku: 'GONE', deleted: true });
  });
  afterEach(async () => {
    await database.close();
  });

  it('refuses a file with bad rows whole, giving each bad line its number and reason', async () => {
    const result = await importCounts(storage, FILE_WITH_BAD_ROWS, {
      clock: NOW,
      sourceName: 'north.csv',
    });

    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== 'rows_rejected') throw new Error('expected rows_rejected');
    expect(result.errors.map((e) => [e.line, e.reason])).toEqual(EXPECTED_REASONS);
    expect(result.errors.find((e) => e.line === 6)!.detail).toBe('expected 6 columns, found 4');
    // 11 data lines (the header and the blank line 11 are not), 2 good, 9 bad.
    expect([result.lines, result.goodLines, result.badLines]).toEqual([11, 2, 9]);

    const lines = await auditDb(storage).selectFrom('count_lines').selectAll().execute();
    expect(lines).toEqual([]);
    const imports = await auditDb(storage)
      .selectFrom('count_imports')
      .select(['status', 'source_name', 'lines_read', 'lines_accepted', 'lines_rejected'])
      .execute();
    expect(imports).toEqual([
      {
        status: 'rejected',
        source_name: 'north.csv',
        lines_read: 11,
        lines_accepted: 0,
        lines_rejected: 9,
      },
    ]);
  });

  it('keeps the good rows when asked, and still reports the bad ones', async () => {
    const result = await importCounts(storage, FILE_WITH_BAD_ROWS, {
      clock: NOW,
      keepGoodRows: true,
    });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.errors.map((e) => [e.line, e.reason])).toEqual(EXPECTED_REASONS);
    const lines = await auditDb(storage)
      .selectFrom('count_lines')
      .select(['item_id', 'counted_quantity', 'counted_at', 'area', 'first_line'])
      .orderBy('item_id')
      .execute();
    expect(lines).toEqual([
      {
        item_id: 'kettle',
        counted_quantity: 8,
        counted_at: '2026-03-01T02:00:00.000Z',
        area: 'floor',
        first_line: 2,
      },
      {
        item_id: 'mug',
        counted_quantity: 5,
        counted_at: '2026-03-01T12:00:00.000Z',
        area: 'back, room',
        first_line: 12,
      },
    ]);
  });

  it('adds up lines for the same item and location that fall in different batches', async () => {
    const ledger = await LevelLedger.open(storage, 'mug', 'north', 12, at(0));
    await ledger.posSale(2, at(1.5));

    // Back room at 01:00, floor at 02:00, one line per batch: the count is 4 + 5 = 9 at
    // 02:00, when the books said 12 − 2 (sold at 01:30) = 10.
    const result = await importCounts(
      storage,
      [
        'location,sku,counted_quantity,counted_at,area',
        'north,MUG,4,2026-03-01T01:00:00Z,back',
        'north,MUG,5,2026-03-01T02:00:00Z,floor',
      ],
      { clock: NOW, batchSize: 1 },
    );

    expect(result.ok).toBe(true);
    const lines = await auditDb(storage)
      .selectFrom('count_lines')
      .select([
        'counted_quantity',
        'counted_at',
        'line_count',
        'first_line',
        'last_line',
        'system_on_hand',
        'variance',
      ])
      .execute();
    expect(lines).toEqual([
      {
        counted_quantity: 9,
        counted_at: '2026-03-01T02:00:00.000Z',
        line_count: 2,
        first_line: 2,
        last_line: 3,
        system_on_hand: 10,
        variance: -1,
      },
    ]);
  });

  it('adds up lines for the same item and location within one batch, keeping the first line’s counter and area', async () => {
    await seedLocation(storage, { handle: 'south' });

    // Mug at north on lines 2 and 5 (the later line counted earlier), kettle at north on lines
    // 4 and 7, mug at south on line 6 alone, and an unknown SKU kept out on line 3.
    const result = await importCounts(
      storage,
      [
        'location,sku,counted_quantity,counted_at,counter,area',
        'north,MUG,4,2026-03-01T02:00:00Z,ana,back',
        'north,NOPE,1,2026-03-01T02:00:00Z,ana,back',
        'north,KETTLE,7,2026-03-01T01:00:00Z,ben,floor',
        'north,MUG,5,2026-03-01T01:00:00Z,ben,floor',
        'south,MUG,2,2026-03-01T01:00:00Z,cho,floor',
        'north,KETTLE,1,2026-03-01T03:00:00Z,ana,back',
      ],
      { clock: NOW, keepGoodRows: true },
    );

    expect(result.ok && [result.goodLines, result.errors.map((e) => [e.line, e.reason])]).toEqual([
      5,
      [[3, 'unknown_sku']],
    ]);
    const lines = await auditDb(storage)
      .selectFrom('count_lines')
      .select([
        'location_handle',
        'item_id',
        'counted_quantity',
        'counted_at',
        'line_count',
        'first_line',
        'last_line',
        'counter',
        'area',
      ])
      .orderBy('location_handle')
      .orderBy('item_id')
      .execute();
    expect(lines).toEqual([
      {
        location_handle: 'north',
        item_id: 'kettle',
        counted_quantity: 8,
        counted_at: '2026-03-01T03:00:00.000Z',
        line_count: 2,
        first_line: 4,
        last_line: 7,
        counter: 'ben',
        area: 'floor',
      },
      {
        location_handle: 'north',
        item_id: 'mug',
        counted_quantity: 9,
        counted_at: '2026-03-01T02:00:00.000Z',
        line_count: 2,
        first_line: 2,
        last_line: 5,
        counter: 'ana',
        area: 'back',
      },
      {
        location_handle: 'south',
        item_id: 'mug',
        counted_quantity: 2,
        counted_at: '2026-03-01T01:00:00.000Z',
        line_count: 1,
        first_line: 6,
        last_line: 6,
        counter: 'cho',
        area: 'floor',
      },
    ]);
  });

  it('adds up lines for the same item and location reconciled in separate passes', async () => {
    const ledger = await LevelLedger.open(storage, 'mug', 'north', 12, at(0));
    await ledger.posSale(2, at(1.5));

    // As above, but each line reconciled on its own: the second is merged into the line the
    // first wrote, and that line is reconciled again at 02:00, after the sale at 01:30.
    const result = await importCounts(
      storage,
      [
        'location,sku,counted_quantity,counted_at,area',
        'north,MUG,4,2026-03-01T01:00:00Z,back',
        'north,MUG,5,2026-03-01T02:00:00Z,floor',
      ],
      { clock: NOW, batchSize: 1, linesPerReconcile: 1 },
    );

    expect(result.ok && result.summary).toEqual({
      counts: 1,
      unreconciled: 0,
      systemUnits: 10,
      countedUnits: 9,
      ghostUnits: 1,
      foundUnits: 0,
    });
    const lines = await auditDb(storage)
      .selectFrom('count_lines')
      .select([
        'counted_quantity',
        'counted_at',
        'line_count',
        'area',
        'system_on_hand',
        'variance',
      ])
      .execute();
    expect(lines).toEqual([
      {
        counted_quantity: 9,
        counted_at: '2026-03-01T02:00:00.000Z',
        line_count: 2,
        area: 'back',
        system_on_hand: 10,
        variance: -1,
      },
    ]);
  });

  it('reads a byte stream with a byte-order mark and CRLF, naming items by barcode or by either code', async () => {
    const text =
      '\ufefflocation,Barcode,Counted Quantity,counted_at\r\nnorth,9300000000011,3,2026-03-01T09:00:00Z\r\n';
    const byBarcode = await importCounts(
      storage,
      Readable.from([Buffer.from(text.slice(0, 30)), Buffer.from(text.slice(30))]),
      { clock: NOW },
    );
    const byEither = await importCounts(
      storage,
      'store,code,qty,counted_at\nnorth,MUG,1,2026-03-01T09:00:00Z\nnorth,9300000000011,2,2026-03-01T09:00:00Z\nnorth,GONE,1,2026-03-01T09:00:00Z\n',
      { clock: NOW, keepGoodRows: true },
    );

    expect(byBarcode.ok && byBarcode.summary.counts).toBe(1);
    expect(
      byEither.ok && [byEither.goodLines, byEither.errors.map((e) => [e.line, e.reason])],
    ).toEqual([2, [[4, 'unknown_code']]]);
    const lines = await auditDb(storage)
      .selectFrom('count_lines')
      .select(['item_id', 'counted_quantity'])
      .orderBy('counted_quantity')
      .execute();
    expect(lines).toEqual([
      { item_id: 'mug', counted_quantity: 1 },
      { item_id: 'kettle', counted_quantity: 2 },
      { item_id: 'kettle', counted_quantity: 3 },
    ]);
  });

  it('refuses a file whose header lacks a required column, and an empty file', async () => {
    const noInstant = await importCounts(
      storage,
      ['location,sku,counted_quantity', 'north,MUG,1'],
      { clock: NOW },
    );
    const noItem = await importCounts(storage, ['location,counted_quantity,counted_at,location'], {
      clock: NOW,
    });
    const empty = await importCounts(storage, ['', '  '], { clock: NOW });

    expect(noInstant).toEqual({
      ok: false,
      reason: 'invalid_header',
      missing: ['counted_at'],
      duplicated: [],
    });
    expect(noItem).toEqual({
      ok: false,
      reason: 'invalid_header',
      missing: ['sku or barcode'],
      duplicated: ['location'],
    });
    expect(empty).toEqual({ ok: false, reason: 'empty_file' });
    expect(await auditDb(storage).selectFrom('count_imports').selectAll().execute()).toEqual([]);
  });

  it('rejects a sku that matches a barcode of another item on the same line', async () => {
    const result = await importCounts(
      storage,
      [
        'location,sku,barcode,counted_quantity,counted_at',
        'north,MUG,9300000000011,1,2026-03-01T09:00:00Z',
      ],
      { clock: NOW },
    );

    expect(
      !result.ok && result.reason === 'rows_rejected' && result.errors.map((e) => e.reason),
    ).toEqual(['sku_barcode_mismatch']);
  });

  it('leaves no half import when the stream breaks off', async () => {
    async function* brokenUpload() {
      yield 'location,sku,counted_quantity,counted_at\nnorth,MUG,1,2026-03-01T09:00:00Z\n';
      throw new Error('connection reset');
    }

    await expect(
      importCounts(storage, Readable.from(brokenUpload()), { clock: NOW, batchSize: 1 }),
    ).rejects.toThrow('connection reset');

    expect(await auditDb(storage).selectFrom('count_lines').selectAll().execute()).toEqual([]);
    const imports = await auditDb(storage).selectFrom('count_imports').select('status').execute();
    expect(imports).toEqual([{ status: 'failed' }]);
  });
});
