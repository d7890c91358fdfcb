import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signWebhookBody } from '../../../src/sandbox/shopify/webhooks/webhook-signature.js';
import { SHOP, WEBHOOK_SECRET, startHarness } from './sandbox-harness.js';
import type { Harness } from './sandbox-harness.js';

let h: Harness;
let item: string;
let here: string;

async function setup(options: Parameters<typeof startHarness>[0] = {}): Promise<void> {
  h = await startHarness(options);
  here = h.sandbox.store.createLocation({ name: 'Here' }).id;
  item =
    h.sandbox.store.createProduct({ title: 'Tee', variants: [{ sku: 'TEE-M' }] }).variants[0]
      ?.inventoryItemId ?? '';
  h.sandbox.store.connectLevel({ inventoryItemId: item, locationId: here, available: 4 });
  await h.sandbox.webhooks.idle();
  h.receiver.clear();
}

const setAvailable = (quantity: number): void => {
  h.sandbox.store.setQuantity({
    inventoryItemId: item,
    locationId: here,
    name: 'available',
    quantity,
  });
};

afterEach(async () => {
  await h.close();
});

describe('webhook delivery', () => {
  beforeEach(() => setup());

  it('signs the raw body so that node:crypto verifies it', async () => {
    setAvailable(3);
    await h.sandbox.webhooks.idle();

    const [delivery] = h.receiver.deliveries;
    if (!delivery) throw new Error('no delivery');
    const expected = createHmac('sha256', WEBHOOK_SECRET).update(delivery.body, 'utf8').digest();
    const given = Buffer.from(String(delivery.headers['x-shopify-hmac-sha256']), 'base64');
    expect(given.length === expected.length && timingSafeEqual(given, expected)).toBe(true);
  });

  it('signs like the research fixture vector', () => {
    const body =
      '{"inventory_item_id":44112233445566,"location_id":70011122233,"available":7,"updated_at":"2026-03-02T14:05:09-05:00","admin_graphql_api_id":"gid://shopify/InventoryLevel/123456789012?inventory_item_id=44112233445566"}';
    expect(signWebhookBody(body, 'test_client_secret')).toBe(
      'ik3mqsOBz4335nynB8cqjKSmSHOZozz4HPK3uZiB4rM=',
    );
  });

  it("sends Shopify's headers, one event id per merchant action", async () => {
    h.sandbox.store.posSale({ location: here, lines: [{ sku: 'TEE-M', quantity: 1 }] });
    h.clock.advance(2_000);
    setAvailable(9);
    await h.sandbox.webhooks.idle();

    const [order, , firstUpdate, secondUpdate] = [
      'orders/create',
      'fulfillments/create',
      'inventory_levels/update',
    ].flatMap((topic) => h.receiver.ofTopic(topic));
    expect(order?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/create',
      'x-shopify-shop-domain': SHOP,
      'x-shopify-api-version': '2026-04',
      'x-shopify-triggered-at': '2026-03-02T19:05:09.250Z',
      'x-shopify-webhook-id': expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
    });
    expect(firstUpdate?.headers['x-shopify-event-id']).toBe(order?.headers['x-shopify-event-id']);
    expect(secondUpdate?.headers['x-shopify-event-id']).not.toBe(
      order?.headers['x-shopify-event-id'],
    );
    expect(secondUpdate?.headers['x-shopify-triggered-at']).toBe('2026-03-02T19:05:11.250Z');
    expect(new Set(h.receiver.deliveries.map((d) => d.headers['x-shopify-webhook-id'])).size).toBe(
      4,
    );
  });

  it('writes ids beyond 2^53 as bare digits', async () => {
    setAvailable(2);
    await h.sandbox.webhooks.idle();

    const body = h.receiver.deliveries[0]?.body ?? '';
    expect(BigInt(item) > 2n ** 53n).toBe(true);
    expect(body).toContain(`"inventory_item_id":${item},`);
    expect(body).toContain(`"location_id":${here},`);
    expect(body).toBe(
      `{"inventory_item_id":${item},"location_id":${here},"available":2,"updated_at":"2026-03-02T14:05:09-05:00","admin_graphql_api_id":"gid://shopify/InventoryLevel/${here}?inventory_item_id=${item}"}`,
    );
  });

  it('retries a failed delivery under the same webhook id with the body first sent', async () => {
    h.receiver.respond = (_delivery, attempt) => {
      if (attempt === 1) setAvailable(8);
      return attempt < 3 ? 500 : 200;
    };
    setAvailable(3);
    await h.sandbox.webhooks.idle();

    const attempts = h.receiver.deliveries.filter((d) => d.body.includes('"available":3'));
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((d) => d.headers['x-shopify-webhook-id'])).size).toBe(1);
    const record = h.sandbox.webhooks.deliveries().find((d) => d.body?.includes('"available":3'));
    expect(record).toMatchObject({
      status: 'delivered',
      attempts: 3,
      responseStatuses: [500, 500, 200],
    });
  });

  it('builds an inventory_levels/update when it is sent, so a later change shows in an earlier delivery', async () => {
    h.sandbox.webhooks.setFaults({ delayMs: 20 });
    setAvailable(1);
    setAvailable(0);
    await h.sandbox.webhooks.idle();

    expect(h.receiver.deliveries.map((d) => d.body.includes('"available":0'))).toEqual([
      true,
      true,
    ]);
  });

  it('drops, duplicates and reorders deliveries when asked', async () => {
    h.sandbox.webhooks.setFaults({ drop: { count: 1, topic: 'inventory_levels/update' } });
    setAvailable(1);
    await h.sandbox.webhooks.idle();
    expect(h.receiver.deliveries).toHaveLength(0);
    expect(h.sandbox.webhooks.deliveries().at(-1)?.status).toBe('dropped');

    h.sandbox.webhooks.setFaults({ duplicate: { times: 3, count: 1 } });
    setAvailable(2);
    await h.sandbox.webhooks.idle();
    expect(h.receiver.deliveries).toHaveLength(3);
    expect(new Set(h.receiver.deliveries.map((d) => d.headers['x-shopify-webhook-id'])).size).toBe(
      1,
    );

    h.receiver.clear();
    h.sandbox.webhooks.setFaults({ reorder: { batchSize: 3 } });
    setAvailable(3);
    setAvailable(4);
    setAvailable(5);
    await h.sandbox.webhooks.idle();
    const emitted = h.sandbox.webhooks
      .deliveries()
      .slice(-3)
      .map((d) => d.webhookId);
    expect(h.receiver.deliveries.map((d) => d.headers['x-shopify-webhook-id'])).toEqual(
      [...emitted].reverse(),
    );
  });

  it('delivers only to loopback', () => {
    expect(() => h.sandbox.webhooks.setTarget('http://example.com/hooks')).toThrow(/loopback/);
  });
});

describe('a receiver that never recovers', () => {
  beforeEach(() => setup({ webhookMaxRetries: 2 }));

  it('gives up after the configured retries', async () => {
    h.receiver.respond = () => 503;
    const sentBefore = h.sandbox.webhooks.sentCount;
    setAvailable(3);
    await h.sandbox.webhooks.idle();

    expect(h.receiver.deliveries).toHaveLength(3);
    expect(h.sandbox.webhooks.deliveries().at(-1)).toMatchObject({ status: 'failed', attempts: 3 });
    expect(h.sandbox.webhooks.sentCount - sentBefore).toBe(3);
  });
});
