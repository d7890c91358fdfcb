import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { PassThrough, Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readLocalInventoryTsv } from '../../../../src/channels/google/feed/read-local-inventory-tsv.js';
import type { LocalInventoryFeedRecord } from '../../../../src/channels/google/feed/read-local-inventory-tsv.js';
import { writeLocalInventoryFeed } from '../../../../src/channels/google/feed/write-local-inventory-feed.js';
import type { LocalInventoryRow } from '../../../../src/channels/google/local-inventory-row.js';
import { sharedDataPath, withSharedData } from '../../../support/shared-data.js';
import { feedRows } from './feed-test-rows.js';

const wixDir = pathToFileURL(`${sharedDataPath('google-local-inventory')}/`);

async function readAll(input: Readable): Promise<LocalInventoryFeedRecord[]> {
  const records: LocalInventoryFeedRecord[] = [];
  for await (const record of readLocalInventoryTsv(input)) records.push(record);
  return records;
}

describe('readLocalInventoryTsv', () => {
  it('reads back what the writer wrote, field by field', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    await writeLocalInventoryFeed(feedRows, out, { format: 'tsv' });

    const records = await readAll(Readable.from([Buffer.concat(chunks)]));

    const expected = feedRows.map(({ contentLanguage: _l, feedLabel: _f, ...rest }, i) => ({
      ...rest,
      line: i + 2,
    }));
    expect(records).toEqual(expected);
  });

  it.runIf(withSharedData)(
    'reads the 2026-07-12 Wix feed: 57 rows, 5 with a blank quantity, 2 limited',
    async () => {
      const records = await readAll(
        createReadStream(new URL('wix_store_local_inventory_2026-07-12.tsv', wixDir)),
      );

      expect(records).toHaveLength(57);
      expect(records.filter((r) => r.quantity === undefined)).toHaveLength(5);
      expect(records.filter((r) => r.availability === 'LIMITED_AVAILABILITY')).toHaveLength(2);
      expect(records[0]).toEqual({
        line: 2,
        offerId: 'c22ad277-9735-11ff-ef15-4fbf6cd46579',
        storeCode: '4523465',
        availability: 'IN_STOCK',
        quantity: 5,
      });
      // Line 22 is the first blank quantity.
      expect(records.find((r) => r.line === 22)).toEqual({
        line: 22,
        offerId: '41120adf-d8fc-b513-54f6-5ce32e9e9301',
        storeCode: '4523465',
        availability: 'IN_STOCK',
      });
    },
  );

  it.runIf(withSharedData)(
    'reads the later Wix feeds, whose quantities sum as counted by hand',
    async () => {
      const counts: Record<string, [number, number, number]> = {
        'wix_store_local_inventory_2026-08-05.tsv': [67, 5, 238],
        'wix_store_local_inventory_2026-08-21.tsv': [65, 4, 241],
      };
      for (const [file, [rows, blank, units]] of Object.entries(counts)) {
        const records = await readAll(createReadStream(new URL(file, wixDir)));
        expect(records).toHaveLength(rows);
        expect(records.filter((r) => r.quantity === undefined)).toHaveLength(blank);
        expect(records.reduce((sum, r) => sum + (r.quantity ?? 0), 0)).toBe(units);
      }
    },
  );

  it.runIf(withSharedData)(
    'writes a Wix feed back line for line, leaving out the rows with no quantity',
    async () => {
      const url = new URL('wix_store_local_inventory_2026-08-21.tsv', wixDir);
      const original = (await readFile(url, 'utf8'))
        .split('\n')
        .filter((line) => !line.endsWith('\t'));
      const rows: LocalInventoryRow[] = [];
      for (const record of await readAll(createReadStream(url))) {
        if (record.quantity === undefined) continue;
        rows.push({
          contentLanguage: 'en',
          feedLabel: 'US',
          offerId: record.offerId,
          storeCode: record.storeCode,
          availability: record.availability,
          quantity: record.quantity,
        });
      }

      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (chunk: Buffer) => chunks.push(chunk));
      await writeLocalInventoryFeed(rows, out, { format: 'tsv' });

      expect(Buffer.concat(chunks).toString('utf8').split('\n')).toEqual(original);
    },
  );

  it('accepts the spaced spellings and a byte-order mark, and names a bad line', async () => {
    const text =
      '\uFEFFid\tstore_code\tavailability\tpickup_method\tpickup_sla\nA\tS1\tin stock\tship to store\tmulti-week\nB\tS1\tplenty\t\t\n';
    const input = Readable.from([text]);
    const seen: LocalInventoryFeedRecord[] = [];

    await expect(async () => {
      for await (const record of readLocalInventoryTsv(input)) seen.push(record);
    }).rejects.toThrow("feed line 3: availability 'plenty' is unknown");
    expect(seen).toEqual([
      {
        line: 2,
        offerId: 'A',
        storeCode: 'S1',
        availability: 'IN_STOCK',
        pickupMethod: 'SHIP_TO_STORE',
        pickupSla: 'MULTI_WEEK',
      },
    ]);
  });
});
