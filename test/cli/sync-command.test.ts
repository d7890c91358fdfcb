import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ProgressLine } from '../../src/cli/progress-line.js';
import { startShopifySandbox } from '../../src/sandbox/shopify/shopify-sandbox.js';
import type { ShopifySandbox } from '../../src/sandbox/shopify/shopify-sandbox.js';
import { openTestDatabase, testEngine } from '../support/test-storage.js';
import type { TestDatabase } from '../support/test-storage.js';

const SHOP = 'progress.myshopify.com';
const TOKEN = 'shpat_progress_token';
const ERASE = '\x1b[K';

describe(`trueshelf sync shopify progress on ${testEngine}`, () => {
  let database: TestDatabase;
  let sandbox: ShopifySandbox;
  let written: string[];

  beforeEach(async () => {
    database = await openTestDatabase();
    sandbox = await startShopifySandbox({
      shop: SHOP,
      accessToken: TOKEN,
      webhookSecret: 'progress-secret',
      restoreRatePerSecond: 1_000,
    });
    // 2 stores × 150 items = 300 levels: compared in batches of 250, so two level updates.
    const stores = ['north', 'south'].map(
      (name) => sandbox.store.createLocation({ name, pickup: true }).id,
    );
    for (let i = 0; i < 150; i += 1) {
      const product = sandbox.store.createProduct({
        title: `P${i}`,
        variants: [{ sku: `SKU-${i}`, price: '5.00' }],
      });
      const item = product.variants[0]?.inventoryItemId ?? '';
      for (const location of stores) {
        sandbox.store.connectLevel({ inventoryItemId: item, locationId: location, available: 3 });
      }
    }

    written = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    vi.stubEnv('TRUESHELF_DATABASE_URL', database.url);
    vi.stubEnv('TRUESHELF_SHOPIFY_SHOP', SHOP);
    vi.stubEnv('TRUESHELF_SHOPIFY_ADMIN_URL', sandbox.url);
    vi.stubEnv('TRUESHELF_SHOPIFY_ACCESS_TOKEN', TOKEN);
    vi.stubEnv('TRUESHELF_SHOPIFY_POINTS_PER_SECOND', '1000');
    vi.stubEnv('TRUESHELF_LOG_LEVEL', 'silent');
  });

  afterEach(async () => {
    Reflect.deleteProperty(process.stdout, 'isTTY');
    Reflect.deleteProperty(process.stdout, 'columns');
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    process.exitCode = undefined;
    await sandbox.close();
    await database.close();
  });

  // Under vitest stdout is a pipe with no isTTY or columns of its own; each test sets them.
  function pretendTerminal(isTTY: boolean): void {
    Object.defineProperty(process.stdout, 'isTTY', { value: isTTY, configurable: true });
    Object.defineProperty(process.stdout, 'columns', { value: 120, configurable: true });
  }

  it('writes one line per update when stdout is not a terminal', async () => {
    pretendTerminal(false);

    await main(['node', 'trueshelf', 'sync', 'shopify', '--method', 'paged']);

    const output = written.join('');
    expect(output).not.toContain('\r');
    // Each variant comes before its two levels: 125 items have come by the 250th level.
    expect(output.split('\n').slice(0, 5)).toEqual([
      'reading locations…',
      'exporting inventory (paged)…',
      '125 items, 250 levels compared, 0 drift',
      '150 items, 300 levels compared, 0 drift',
      'done (paged): 2 locations, 150 items, 300 levels; 300 new, 0 unchanged, 0 drift (missed signals), 0 differences not confirmed',
    ]);
    // Each store still needs its time zone and store code, named as the config spells them.
    const hints = output.split('\n').filter((line) => line.includes('in the config'));
    expect(hints).toHaveLength(2);
    for (const hint of hints) {
      expect(hint).toMatch(
        /^ {2}shopify-(\d+) \(Shopify \1\): set timeZone and googleStoreCode in the config, under locations: with handle: shopify-\1 and shopifyLocationId: "\1"$/,
      );
    }
  });

  it('rewrites one line in place on a terminal, and ends it before the summary', async () => {
    pretendTerminal(true);

    await main(['node', 'trueshelf', 'sync', 'shopify', '--method', 'paged']);

    const updates = written.filter((chunk) => chunk.startsWith('\r'));
    expect(updates).toEqual([
      `\rreading locations…${ERASE}`,
      `\rexporting inventory (paged)…${ERASE}`,
      `\r125 items, 250 levels compared, 0 drift${ERASE}`,
      `\r150 items, 300 levels compared, 0 drift${ERASE}`,
    ]);
    const summary = written.findIndex((chunk) => chunk.startsWith('done (paged)'));
    expect(written[summary - 1]).toBe('\n');
  });
});

describe('ProgressLine', () => {
  const stream = (isTTY: boolean, columns?: number) => {
    const chunks: string[] = [];
    return { chunks, isTTY, columns, write: (text: string) => chunks.push(text) };
  };

  it('drops an update that repeats the last one', () => {
    const piped = stream(false);
    const progress = new ProgressLine(piped);

    progress.update('10 rows');
    progress.update('10 rows');
    progress.update('20 rows');
    progress.end();

    expect(piped.chunks).toEqual(['10 rows\n', '20 rows\n']);
  });

  it('cuts a terminal line to one less than the width, so it never wraps', () => {
    const terminal = stream(true, 8);
    const progress = new ProgressLine(terminal);

    progress.update('0123456789');
    progress.end();
    progress.end();

    expect(terminal.chunks).toEqual([`\r0123456${ERASE}`, '\n']);
  });
});
