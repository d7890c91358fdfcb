import { afterEach, describe, expect, it } from 'vitest';
import { startTbaHarness, stockLocation } from '../../sources/netsuite/netsuite-fixture.js';
import type { TbaHarness } from '../../sources/netsuite/netsuite-fixture.js';

let harness: TbaHarness | undefined;

afterEach(async () => {
  await harness?.sandbox.close();
  harness = undefined;
});

async function start(...args: Parameters<typeof startTbaHarness>): Promise<TbaHarness> {
  harness = await startTbaHarness(...args);
  return harness;
}

const SUITEQL = '/services/rest/query/v1/suiteql';

describe('the NetSuite sandbox', () => {
  it("answers SuiteQL in NetSuite's envelope, page by page", async () => {
    const { sandbox, client } = await start();
    stockLocation(sandbox, '7', 3);
    const q =
      'SELECT item, quantityonhand FROM aggregateItemLocation WHERE location = 7 ORDER BY item';

    const first = await client.transport.send({
      method: 'POST',
      path: SUITEQL,
      query: { limit: '2', offset: '0' },
      headers: { Prefer: 'transient' },
      body: { q },
      where: 'envelope',
    });
    const second = await client.transport.send({
      method: 'POST',
      path: SUITEQL,
      query: { limit: '2', offset: '2' },
      headers: { Prefer: 'transient' },
      body: { q },
      where: 'envelope',
    });

    const href = (offset: number) => `${sandbox.url}${SUITEQL}?limit=2&offset=${offset}`;
    expect(first.body).toEqual({
      links: [
        { rel: 'next', href: href(2) },
        { rel: 'last', href: href(2) },
        { rel: 'self', href: href(0) },
      ],
      count: 2,
      hasMore: true,
      offset: 0,
      totalResults: 3,
      items: [
        { links: [], item: '10', quantityonhand: '1' },
        { links: [], item: '20', quantityonhand: '2' },
      ],
    });
    expect(second.body).toMatchObject({
      count: 1,
      hasMore: false,
      offset: 2,
      totalResults: 3,
      items: [{ links: [], item: '30', quantityonhand: '3' }],
    });
  });

  it('refuses SuiteQL without Prefer: transient, and an offset that is not a multiple of the limit', async () => {
    const { client } = await start();
    const q = 'SELECT item FROM aggregateItemLocation';

    const noPrefer = client.transport.send({
      method: 'POST',
      path: SUITEQL,
      body: { q },
      where: 'no prefer',
    });
    const badOffset = client.transport.send({
      method: 'POST',
      path: SUITEQL,
      query: { limit: '10', offset: '5' },
      headers: { Prefer: 'transient' },
      body: { q },
      where: 'bad offset',
    });

    await expect(noPrefer).rejects.toMatchObject({
      facts: { details: [{ errorCode: 'INVALID_HEADER', errorAt: 'Prefer' }] },
    });
    await expect(badOffset).rejects.toMatchObject({
      facts: { details: [{ errorCode: 'INVALID_PARAMETER', errorAt: 'offset' }] },
    });
  });

  it('stops a query at its row cap', async () => {
    const { sandbox, client } = await start({ maxRowsPerQuery: 5 });
    stockLocation(sandbox, '7', 8);

    const page = await client.suiteQl.page('SELECT item FROM aggregateItemLocation ORDER BY item', {
      limit: 5,
      offset: 0,
      where: 'capped',
    });
    const past = client.suiteQl.page('SELECT item FROM aggregateItemLocation ORDER BY item', {
      limit: 5,
      offset: 5,
      where: 'capped',
    });

    expect(page).toMatchObject({ hasMore: false, totalResults: 5 });
    await expect(past).rejects.toMatchObject({ code: 'netsuite_request_refused' });
  });

  it('the late connector books a POS sale only after its delay, lowering on hand', async () => {
    const { sandbox, clock } = await start({ connector: { orderImportDelaySeconds: 1200 } });
    sandbox.store.setItemLocation({ item: '42', location: '7', onHand: 5 });
    sandbox.store.addShopifyOrder({
      externalId: 'shopify-2001',
      placedAt: clock.now(),
      channel: 'pos',
      lines: [{ item: '42', location: '7', quantity: 2 }],
    });

    clock.advance(1199 * 1000);
    expect(sandbox.store.runConnector()).toEqual([]);
    expect(sandbox.store.itemLocation('42', '7')?.onHand).toBe(5);

    clock.advance(1000);
    const [imported] = sandbox.store.runConnector();
    expect(imported).toMatchObject({ externalId: 'shopify-2001', type: 'CashSale' });
    expect(sandbox.store.itemLocation('42', '7')).toMatchObject({ onHand: 3, committed: 0 });
    expect(sandbox.store.connector.pending()).toEqual([]);
  });

  it('the late connector books an online order as committed, and its fulfilment as on hand', async () => {
    const { sandbox, clock } = await start({
      connector: { orderImportDelaySeconds: 60, fulfilmentImportDelaySeconds: 600 },
    });
    sandbox.store.setItemLocation({ item: '42', location: '7', onHand: 5 });
    sandbox.store.addShopifyOrder({
      externalId: 'shopify-2002',
      placedAt: clock.now(),
      channel: 'online',
      lines: [{ item: '42', location: '7', quantity: 2 }],
    });

    clock.advance(60 * 1000);
    sandbox.store.runConnector();
    expect(sandbox.store.itemLocation('42', '7')).toMatchObject({ onHand: 5, committed: 2 });

    sandbox.store.connector.fulfilInShopify('shopify-2002', clock.now());
    clock.advance(599 * 1000);
    sandbox.store.runConnector();
    expect(sandbox.store.itemLocation('42', '7')).toMatchObject({ onHand: 5, committed: 2 });

    clock.advance(1000);
    const [fulfilled] = sandbox.store.runConnector();
    expect(fulfilled?.fulfilledAt).toEqual(clock.now());
    expect(sandbox.store.itemLocation('42', '7')).toMatchObject({ onHand: 3, committed: 0 });
  });

  it('answers 404 with NetSuite error details for a record it does not hold', async () => {
    const { client } = await start();

    const read = client.transport.send({
      method: 'GET',
      path: '/services/rest/record/v1/inventoryAdjustment/eid:nothing-here',
      where: 'missing record',
    });

    await expect(read).rejects.toMatchObject({
      code: 'netsuite_not_found',
      facts: { details: [{ errorCode: 'NONEXISTENT_ID' }] },
    });
  });
});
