import { afterEach, describe, expect, it } from 'vitest';
import { adjustmentBody } from '../../../src/sources/netsuite/inventory-adjustment-poster.js';
import type { InventoryAdjustment } from '../../../src/sources/netsuite/inventory-adjustment.js';
import { startTbaHarness } from './netsuite-fixture.js';
import type { TbaHarness } from './netsuite-fixture.js';

let harness: TbaHarness | undefined;

afterEach(async () => {
  await harness?.sandbox.close();
  harness = undefined;
});

const countCorrection: InventoryAdjustment = {
  externalId: 'trueshelf-count-81',
  accountId: '154',
  subsidiaryId: '1',
  locationId: '7',
  tranDate: '2025-03-01',
  memo: 'cycle count 81',
  lines: [
    { itemId: '42', locationId: '7', adjustQtyBy: -3 },
    { itemId: '43', locationId: '7', adjustQtyBy: 2, memo: 'found in back room' },
  ],
};

describe('posting inventory adjustments', () => {
  it('writes the REST body with references as { id } and the inventory sublist as items', () => {
    expect(adjustmentBody(countCorrection)).toEqual({
      externalId: 'trueshelf-count-81',
      account: { id: '154' },
      subsidiary: { id: '1' },
      adjLocation: { id: '7' },
      tranDate: '2025-03-01',
      memo: 'cycle count 81',
      inventory: {
        items: [
          { item: { id: '42' }, location: { id: '7' }, adjustQtyBy: -3 },
          { item: { id: '43' }, location: { id: '7' }, adjustQtyBy: 2, memo: 'found in back room' },
        ],
      },
    });
  });

  it('a create returns the id from the Location header and moves on hand by the deltas', async () => {
    harness = await startTbaHarness();
    const { sandbox, client } = harness;
    sandbox.store.setItemLocation({ item: '42', location: '7', onHand: 10 });
    sandbox.store.setItemLocation({ item: '43', location: '7', onHand: 0 });

    const posted = await client.adjustments.post(countCorrection);

    const created = sandbox.store.adjustments();
    expect(created).toHaveLength(1);
    expect(posted).toEqual({ outcome: 'created', id: created[0]?.id });
    expect(sandbox.store.itemLocation('42', '7')?.onHand).toBe(7);
    expect(sandbox.store.itemLocation('43', '7')?.onHand).toBe(2);
  });

  it('posting the same externalId again answers with the first record and books nothing twice', async () => {
    harness = await startTbaHarness();
    const { sandbox, client } = harness;
    sandbox.store.setItemLocation({ item: '42', location: '7', onHand: 10 });

    const first = await client.adjustments.post(countCorrection);
    const second = await client.adjustments.post(countCorrection);

    expect(second).toEqual({ outcome: 'already_posted', id: first.id });
    expect(sandbox.store.adjustments()).toHaveLength(1);
    expect(sandbox.store.itemLocation('42', '7')?.onHand).toBe(7);
  });

  it('finds an adjustment by externalId, and nothing for an unknown one', async () => {
    harness = await startTbaHarness();
    const { client } = harness;
    const { id } = await client.adjustments.post(countCorrection);

    expect(await client.adjustments.find('trueshelf-count-81')).toBe(id);
    expect(await client.adjustments.find('trueshelf-count-82')).toBeUndefined();
  });

  it('refuses a malformed adjustment before sending it', async () => {
    harness = await startTbaHarness();
    const { sandbox, client } = harness;
    const malformed = [
      { ...countCorrection, accountId: '154 OR 1' },
      { ...countCorrection, externalId: '../inventoryItem/5' },
      { ...countCorrection, lines: [] },
      { ...countCorrection, lines: [{ itemId: '42', locationId: '7', adjustQtyBy: 0 }] },
      { ...countCorrection, tranDate: '1 March 2025' },
    ];

    for (const adjustment of malformed) {
      await expect(client.adjustments.post(adjustment)).rejects.toMatchObject({
        code: 'netsuite_invalid_record',
      });
    }
    expect(sandbox.store.requests).toHaveLength(0);
  });
});
