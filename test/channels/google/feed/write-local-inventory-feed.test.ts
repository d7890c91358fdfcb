import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { LocalInventoryRow } from '../../../../src/channels/google/local-inventory-row.js';
import { writeLocalInventoryFeed } from '../../../../src/channels/google/feed/write-local-inventory-feed.js';
import { feedRows } from './feed-test-rows.js';

async function written(
  rows: LocalInventoryRow[],
  options: Parameters<typeof writeLocalInventoryFeed>[2],
): Promise<{ text: string; summary: Awaited<ReturnType<typeof writeLocalInventoryFeed>> }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const summary = await writeLocalInventoryFeed(rows, out, options);
  return { text: Buffer.concat(chunks).toString('utf8'), summary };
}

async function* slowly<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) {
    await new Promise((resolve) => setImmediate(resolve));
    yield item;
  }
}

describe('writeLocalInventoryFeed as TSV', () => {
  it('writes each field the way Google’s file schema spells it', async () => {
    const { text } = await written(feedRows, { format: 'tsv' });

    expect(text.split('\n')).toEqual([
      'id\tstore_code\tavailability\tquantity\tprice\tsale_price\tpickup_method\tpickup_sla\tinstore_product_location',
      'SKU-1\tS1\tin_stock\t7\t28.00 USD\t\tbuy\tsame day\tAisle 4',
      'sku/123\tS1\tlimited_availability\t2\t\t\tship to store\t2-day\t',
      'R&D <x>\tS2\tout_of_stock\t0\t\t\tnot supported\t\t',
      'SKU-9\tS2\tin_stock\t12\t12.00 USD\t9.50 USD\tnot supported\t\t',
      '',
    ]);
  });

  it('writes only the columns the rows use', async () => {
    const bare = feedRows.map(
      ({ contentLanguage, feedLabel, offerId, storeCode, availability, quantity }) => ({
        contentLanguage,
        feedLabel,
        offerId,
        storeCode,
        availability,
        quantity,
      }),
    );
    const { text } = await written(bare.slice(0, 2), { format: 'tsv' });

    expect(text).toBe(
      'id\tstore_code\tavailability\tquantity\nSKU-1\tS1\tin_stock\t7\nsku/123\tS1\tlimited_availability\t2\n',
    );
  });

  it('writes the declared columns, and refuses a row that fills one not declared', async () => {
    const { text } = await written([feedRows[2] as LocalInventoryRow], {
      format: 'tsv',
      columns: ['pickup_method', 'price'],
    });
    expect(text).toBe(
      'id\tstore_code\tavailability\tquantity\tprice\tpickup_method\nR&D <x>\tS2\tout_of_stock\t0\t\tnot supported\n',
    );

    await expect(
      written(feedRows, { format: 'tsv', columns: ['pickup_method'] }),
    ).rejects.toMatchObject({
      code: 'google_feed_column_undeclared',
    });
  });

  it('sums rows per store and per availability', async () => {
    const { summary } = await written(feedRows, { format: 'tsv' });

    expect(summary).toEqual({
      rows: 4,
      perAvailability: {
        IN_STOCK: 2,
        LIMITED_AVAILABILITY: 1,
        ON_DISPLAY_TO_ORDER: 0,
        OUT_OF_STOCK: 1,
      },
      perStore: {
        S1: {
          rows: 2,
          perAvailability: {
            IN_STOCK: 1,
            LIMITED_AVAILABILITY: 1,
            ON_DISPLAY_TO_ORDER: 0,
            OUT_OF_STOCK: 0,
          },
        },
        S2: {
          rows: 2,
          perAvailability: {
            IN_STOCK: 1,
            LIMITED_AVAILABILITY: 0,
            ON_DISPLAY_TO_ORDER: 0,
            OUT_OF_STOCK: 1,
          },
        },
      },
      rejected: 0,
      rejections: [],
    });
  });

  it('leaves out a row the validator refuses and says which and why', async () => {
    const bad = { ...feedRows[0], storeCode: '' } as LocalInventoryRow;
    const { text, summary } = await written([feedRows[1] as LocalInventoryRow, bad], {
      format: 'tsv',
    });

    expect(text.split('\n')).toHaveLength(3);
    expect(summary.rows).toBe(1);
    expect(summary.rejected).toBe(1);
    expect(summary.rejections).toEqual([
      {
        index: 1,
        message: 'offer "SKU-1" at store "": storeCode is "", expected a non-blank string',
      },
    ]);
  });

  it('waits for a slow output instead of pulling every row into memory', async () => {
    let pulled = 0;
    function* many(): Generator<LocalInventoryRow> {
      for (let i = 0; i < 100_000; i += 1) {
        pulled += 1;
        yield { ...(feedRows[3] as LocalInventoryRow), offerId: `SKU-${i}` };
      }
    }
    const waiting: (() => void)[] = [];
    let accepted = 0;
    const out = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        accepted += chunk.length;
        waiting.push(done);
      },
    });

    const writing = writeLocalInventoryFeed(many(), out, {
      format: 'tsv',
      columns: ['price', 'sale_price', 'pickup_method'],
    });
    for (let tick = 0; tick < 50; tick += 1) await new Promise((resolve) => setImmediate(resolve));

    // The output took one chunk and holds it: the writer stopped at about one chunk of rows
    // (64 KiB at ~50 bytes a row, under 2,000 rows), far from the 100,000 on offer.
    expect(accepted).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(2_000);

    const release = setInterval(() => waiting.splice(0).forEach((done) => done()), 0);
    const summary = await writing;
    clearInterval(release);
    expect(summary.rows).toBe(100_000);
  });

  it('takes an async source', async () => {
    const { summary } = await written([], { format: 'tsv' });
    expect(summary.rows).toBe(0);
    const out = new PassThrough();
    out.resume();
    expect((await writeLocalInventoryFeed(slowly(feedRows), out, { format: 'tsv' })).rows).toBe(4);
  });
});

describe('writeLocalInventoryFeed as XML', () => {
  it('writes RSS 2.0 with the g: namespace, escaping and only the fields each row has', async () => {
    const channel = {
      title: 'Shop & Co',
      link: 'https://shop.example/',
      description: 'Local inventory',
    };
    const { text } = await written(feedRows.slice(1, 3), { format: 'xml', channel });

    expect(text).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss xmlns:g="http://base.google.com/ns/1.0" version="2.0">',
        '  <channel>',
        '    <title>Shop &amp; Co</title>',
        '    <link>https://shop.example/</link>',
        '    <description>Local inventory</description>',
        '    <item>',
        '      <g:id>sku/123</g:id>',
        '      <g:store_code>S1</g:store_code>',
        '      <g:availability>limited_availability</g:availability>',
        '      <g:quantity>2</g:quantity>',
        '      <g:pickup_method>ship to store</g:pickup_method>',
        '      <g:pickup_sla>2-day</g:pickup_sla>',
        '    </item>',
        '    <item>',
        '      <g:id>R&amp;D &lt;x&gt;</g:id>',
        '      <g:store_code>S2</g:store_code>',
        '      <g:availability>out_of_stock</g:availability>',
        '      <g:quantity>0</g:quantity>',
        '      <g:pickup_method>not supported</g:pickup_method>',
        '    </item>',
        '  </channel>',
        '</rss>',
        '',
      ].join('\n'),
    );
  });

  it('escapes each of the five characters XML reserves, and leaves other text as it is', async () => {
    const row = {
      ...(feedRows[0] as LocalInventoryRow),
      offerId: `a&b<c>d"e'f`,
      instoreProductLocation: 'Aisle 4',
    };
    const { text } = await written([row], { format: 'xml' });

    expect(text).toContain('      <g:id>a&amp;b&lt;c&gt;d&quot;e&apos;f</g:id>\n');
    expect(text).toContain(
      '      <g:instore_product_location>Aisle 4</g:instore_product_location>\n',
    );
  });

  it('waits for drain on a slow output: never more than one chunk buffered', async () => {
    const rows = 20_000;
    function* many(): Generator<LocalInventoryRow> {
      for (let i = 0; i < rows; i += 1) {
        yield { ...(feedRows[0] as LocalInventoryRow), offerId: `SKU-${i}` };
      }
    }
    // A sink that takes a chunk a tick later and reports the most it ever held unwritten.
    const chunks: Buffer[] = [];
    let largestBuffered = 0;
    const out = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, done) {
        largestBuffered = Math.max(largestBuffered, this.writableLength);
        chunks.push(chunk);
        setImmediate(done);
      },
    });

    const summary = await writeLocalInventoryFeed(many(), out, { format: 'xml' });
    const text = Buffer.concat(chunks).toString('utf8');

    // Each item is about 360 bytes, so the feed is over 7 MB; a writer that ignored `false`
    // from write() would leave most of it buffered. One chunk is 64 KiB plus at most one item.
    expect(text.length).toBeGreaterThan(7_000_000);
    expect(largestBuffered).toBeGreaterThan(0);
    expect(largestBuffered).toBeLessThanOrEqual(64 * 1024 + 1024);
    expect(summary.rows).toBe(rows);
    expect(text.match(/<item>/g)).toHaveLength(rows);
    expect(text).toContain('      <g:id>SKU-19999</g:id>\n');
    expect(text.endsWith('    </item>\n  </channel>\n</rss>\n')).toBe(true);
  });

  it('writes prices like the Uysal feed does', async () => {
    const { text } = await written([feedRows[3] as LocalInventoryRow], { format: 'xml' });
    expect(text).toContain(
      '      <g:price>12.00 USD</g:price>\n      <g:sale_price>9.50 USD</g:sale_price>\n',
    );
  });
});
