import type { Kysely } from 'kysely';
import type { Database } from '../../../src/storage/database-schema.js';
import { insertDecision, insertItems, insertStores } from './google-test-chain.js';

/**
 * Three Google stores and five items, plus what the feed must leave out: a warehouse and a
 * store without store codes, an item with no SKU (no offer id) and a deleted item.
 * north offers pickup within 2 hours, east within 30 hours, south not at all.
 */
export const sellableByItem: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'a-tee': { east: 0, north: 10, south: 5 },
  'b-mug': { east: 4, north: 2, south: 0 },
  'c-cap': { east: 3, north: 0, south: 1 },
  'd-sock': { east: 1, north: 3, south: 2 },
  'e-hat': { east: 2, north: 1, south: 7 },
};

export async function seedFeedChain(db: Kysely<Database>): Promise<void> {
  await insertStores(db, [
    { handle: 'north', storeCode: 'S-NORTH', pickupEnabled: true, pickupTimeHours: 2 },
    { handle: 'south', storeCode: 'S-SOUTH', pickupEnabled: false },
    { handle: 'east', storeCode: 'S-EAST', pickupEnabled: true, pickupTimeHours: 30 },
    { handle: 'west', storeCode: null, pickupEnabled: true },
    { handle: 'depot', storeCode: null, kind: 'warehouse' },
  ]);
  await insertItems(db, [
    { id: 'a-tee', sku: 'TEE-1' },
    { id: 'b-mug', sku: 'mug/12oz' },
    { id: 'c-cap', sku: 'CAP-RED' },
    { id: 'd-sock', sku: 'SOCK-9' },
    { id: 'e-hat', sku: 'HAT-2' },
    { id: 'f-blank', sku: null },
    { id: 'g-gone', sku: 'GONE-1', deleted: true },
  ]);

  for (const [itemId, byStore] of Object.entries(sellableByItem)) {
    for (const [locationHandle, sellable] of Object.entries(byStore)) {
      await insertDecision(db, { itemId, locationHandle, sellable });
    }
    await insertDecision(db, { itemId, locationHandle: 'west', sellable: 9 });
    await insertDecision(db, { itemId, locationHandle: 'depot', sellable: 9 });
  }
  for (const itemId of ['f-blank', 'g-gone']) {
    await insertDecision(db, { itemId, locationHandle: 'north', sellable: 9 });
  }
}
