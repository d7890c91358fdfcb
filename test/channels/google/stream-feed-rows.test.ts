import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { googleSettingsFrom } from '../../../src/channels/google/google-settings.js';
import type { LocalInventoryRow } from '../../../src/channels/google/local-inventory-row.js';
import { productIdFor } from '../../../src/channels/google/product-id.js';
import { streamFeedRows } from '../../../src/channels/google/stream-feed-rows.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { seedFeedChain } from './feed-chain.js';

const en = { contentLanguage: 'en', feedLabel: 'US' };
const east = { storeCode: 'S-EAST', pickupMethod: 'BUY', pickupSla: 'TWO_DAY' } as const;
const north = { storeCode: 'S-NORTH', pickupMethod: 'BUY', pickupSla: 'SAME_DAY' } as const;
const south = { storeCode: 'S-SOUTH', pickupMethod: 'NOT_SUPPORTED' } as const;

/** Worked out by hand from the seed: bands 0 out of stock, 1-2 limited, 3+ in stock. */
const expected: LocalInventoryRow[] = [
  { ...en, offerId: 'TEE-1', ...east, availability: 'OUT_OF_STOCK', quantity: 0 },
  { ...en, offerId: 'TEE-1', ...north, availability: 'IN_STOCK', quantity: 10 },
  { ...en, offerId: 'TEE-1', ...south, availability: 'IN_STOCK', quantity: 5 },
  { ...en, offerId: 'mug/12oz', ...east, availability: 'IN_STOCK', quantity: 4 },
  { ...en, offerId: 'mug/12oz', ...north, availability: 'LIMITED_AVAILABILITY', quantity: 2 },
  { ...en, offerId: 'mug/12oz', ...south, availability: 'OUT_OF_STOCK', quantity: 0 },
  { ...en, offerId: 'CAP-RED', ...east, availability: 'IN_STOCK', quantity: 3 },
  { ...en, offerId: 'CAP-RED', ...north, availability: 'OUT_OF_STOCK', quantity: 0 },
  { ...en, offerId: 'CAP-RED', ...south, availability: 'LIMITED_AVAILABILITY', quantity: 1 },
  { ...en, offerId: 'SOCK-9', ...east, availability: 'LIMITED_AVAILABILITY', quantity: 1 },
  { ...en, offerId: 'SOCK-9', ...north, availability: 'IN_STOCK', quantity: 3 },
  { ...en, offerId: 'SOCK-9', ...south, availability: 'LIMITED_AVAILABILITY', quantity: 2 },
  { ...en, offerId: 'HAT-2', ...east, availability: 'LIMITED_AVAILABILITY', quantity: 2 },
  { ...en, offerId: 'HAT-2', ...north, availability: 'LIMITED_AVAILABILITY', quantity: 1 },
  { ...en, offerId: 'HAT-2', ...south, availability: 'IN_STOCK', quantity: 7 },
];

describe(`streamFeedRows on ${testEngine}`, () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await openTestDatabase();
    await seedFeedChain(database.storage.db);
  });
  afterEach(async () => database.close());

  async function collect(pageSize?: number, settings = googleSettingsFrom({})) {
    const rows: LocalInventoryRow[] = [];
    const unmapped: unknown[] = [];
    const stream = streamFeedRows(database.storage.db, settings, {
      ...(pageSize ? { pageSize } : {}),
      onUnmapped: (item) => unmapped.push(item),
    });
    for await (const row of stream) rows.push(row);
    return { rows, unmapped };
  }

  it('yields one row per item and Google store, field by field as worked out by hand', async () => {
    const { rows } = await collect();
    expect(rows).toEqual(expected);
  });

  it('pages by keyset without skipping or repeating a row, whatever the page size', async () => {
    // The pages read all 27 decisions and keep 15: sizes whose pages split an item's stores,
    // end short, and end exactly on the last decision.
    for (const pageSize of [1, 4, 10, 27]) {
      expect((await collect(pageSize)).rows).toEqual(expected);
    }
  });

  it('leaves out stores without a store code, deleted items, and says which item has no offer id', async () => {
    const { rows, unmapped } = await collect();

    expect(new Set(rows.map((row) => row.storeCode))).toEqual(
      new Set(['S-EAST', 'S-NORTH', 'S-SOUTH']),
    );
    expect(rows.some((row) => row.offerId === 'GONE-1')).toBe(false);
    expect(unmapped).toEqual([
      { itemId: 'f-blank', sku: null, message: "the offer-id template '{sku}' needs sku" },
    ]);
  });

  it('keeps the offer id as it is in the file, while the API path needs it encoded', async () => {
    const { rows } = await collect();
    const mug = rows.find((row) => row.offerId === 'mug/12oz');

    expect(mug?.offerId).toBe('mug/12oz');
    // base64url of 'en~US~mug/12oz', worked out apart from the code.
    expect(mug && productIdFor(mug)).toBe('ZW5-VVN-bXVnLzEyb3o');
  });

  it("applies Google's policy and thresholds from the settings", async () => {
    const settings = googleSettingsFrom({ google: { maxShownUnits: 4, inStockFromUnits: 5 } });
    const { rows } = await collect(undefined, settings);

    // TEE-1 at north: sellable 10, shown 4, below 5 so limited. HAT-2 at south: 7 -> 4, limited.
    const at = (offerId: string, storeCode: string) =>
      rows.find((row) => row.offerId === offerId && row.storeCode === storeCode);
    expect(at('TEE-1', 'S-NORTH')).toMatchObject({
      quantity: 4,
      availability: 'LIMITED_AVAILABILITY',
    });
    expect(at('HAT-2', 'S-SOUTH')).toMatchObject({
      quantity: 4,
      availability: 'LIMITED_AVAILABILITY',
    });
    expect(at('CAP-RED', 'S-EAST')).toMatchObject({
      quantity: 3,
      availability: 'LIMITED_AVAILABILITY',
    });
  });
});
