import { afterEach, describe, expect, it } from 'vitest';
import {
  importedOrdersFromSet,
  SuiteQlImportedOrders,
} from '../../../src/engine/erp/imported-orders.js';
import { startTbaHarness } from '../../sources/netsuite/netsuite-fixture.js';
import type { TbaHarness } from '../../sources/netsuite/netsuite-fixture.js';

let harness: TbaHarness | undefined;

afterEach(async () => {
  await harness?.sandbox.close();
  harness = undefined;
});

describe('telling which Shopify documents the connector has booked', () => {
  it('finds booked sales and fulfilments by externalid in the transaction table', async () => {
    harness = await startTbaHarness({
      connector: { orderImportDelaySeconds: 60, fulfilmentImportDelaySeconds: 60 },
    });
    const { sandbox, clock, client } = harness;
    sandbox.store.setItemLocation({ item: '42', location: '7', onHand: 9 });
    const line = [{ item: '42', location: '7', quantity: 1 }];
    sandbox.store.addShopifyOrder({
      externalId: '1001',
      placedAt: clock.now(),
      channel: 'pos',
      lines: line,
    });
    sandbox.store.addShopifyOrder({
      externalId: '1002',
      placedAt: clock.now(),
      channel: 'online',
      lines: line,
    });
    clock.advance(60_000);
    sandbox.store.runConnector();
    sandbox.store.connector.fulfilInShopify('1002', clock.now(), '5300');
    sandbox.store.addShopifyOrder({
      externalId: '1003',
      placedAt: clock.now(),
      channel: 'pos',
      lines: line,
    });
    clock.advance(60_000);
    sandbox.store.runConnector();
    // 1004 is placed after the last cycle: not booked.
    sandbox.store.addShopifyOrder({
      externalId: '1004',
      placedAt: clock.now(),
      channel: 'pos',
      lines: line,
    });

    const found = await new SuiteQlImportedOrders(client.suiteQl).importedExternalIds([
      '1001',
      '1002',
      '1003',
      '1004',
      '5300',
      '5301',
    ]);

    expect([...found].sort()).toEqual(['1001', '1002', '1003', '5300']);
  });

  it('refuses an external id that could carry SQL, before sending anything', async () => {
    harness = await startTbaHarness();
    const lookup = new SuiteQlImportedOrders(harness.client.suiteQl);

    await expect(lookup.importedExternalIds(["1001') OR ('1' = '1"])).rejects.toMatchObject({
      code: 'netsuite_unsafe_literal',
    });
    expect(harness.sandbox.store.requests).toHaveLength(0);
  });

  it('a known set answers with the ids it holds', async () => {
    const lookup = importedOrdersFromSet(['1001', '5300']);
    expect([...(await lookup.importedExternalIds(['1001', '1002']))]).toEqual(['1001']);
  });
});
