import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN, gid, startHarness } from './sandbox-harness.js';
import type { Harness } from './sandbox-harness.js';

let h: Harness;
let locationId: string;
let firstItem: string;

beforeEach(async () => {
  h = await startHarness({ bucketSize: 10, restoreRatePerSecond: 2, webhookUrl: undefined });
  const store = h.sandbox.store;
  locationId = store.createLocation({ name: 'Here' }).id;
  const items = ['A', 'B', 'C', 'D'].map(
    (sku) =>
      store.createProduct({ title: sku, variants: [{ sku }] }).variants[0]?.inventoryItemId ?? '',
  );
  firstItem = items[0] ?? '';
  store.connectLevel({ inventoryItemId: firstItem, locationId, available: 1 });
});

afterEach(async () => {
  await h.close();
});

// Four items on one page: 2 for the connection + 4 objects, requested and actual alike.
const SIX_POINTS = '{ inventoryItems(first: 4) { nodes { id sku } } }';

describe('cost-based throttling', () => {
  it('reports the cost of every request against a leaky bucket', async () => {
    const reply = await h.gql(SIX_POINTS);
    expect(reply.body.extensions?.cost).toEqual({
      requestedQueryCost: 6,
      actualQueryCost: 6,
      throttleStatus: { maximumAvailable: 10, currentlyAvailable: 4, restoreRate: 2 },
    });
  });

  it('answers THROTTLED with HTTP 200 and no data when the bucket lacks the points, and refills with time', async () => {
    await h.gql(SIX_POINTS);

    const throttled = await h.gql(SIX_POINTS);
    expect(throttled.status).toBe(200);
    expect(throttled.body).toEqual({
      errors: [
        {
          message: 'Throttled',
          extensions: {
            code: 'THROTTLED',
            documentation: 'https://shopify.dev/api/usage/rate-limits',
          },
        },
      ],
      extensions: {
        cost: {
          requestedQueryCost: 6,
          actualQueryCost: null,
          throttleStatus: { maximumAvailable: 10, currentlyAvailable: 4, restoreRate: 2 },
        },
      },
    });

    h.clock.advance(500);
    expect((await h.gql(SIX_POINTS)).body.errors).toBeDefined();
    h.clock.advance(500);
    const refilled = await h.gql(SIX_POINTS);
    expect(refilled.body.data).toBeDefined();
    expect(refilled.body.extensions?.cost.throttleStatus.currentlyAvailable).toBe(0);

    h.clock.advance(60_000);
    expect(
      (await h.gql('{ shop { name } }')).body.extensions?.cost.throttleStatus.currentlyAvailable,
    ).toBe(9);
  });

  it('refunds what a query did not use', async () => {
    // Requested 2 + 5 × (1 + 2 + 3 × 2) = 47 would not fit a 10-point bucket, so use a large one.
    await h.close();
    h = await startHarness({ webhookUrl: undefined });
    const store = h.sandbox.store;
    const here = store.createLocation({ name: 'Here' }).id;
    const there = store.createLocation({ name: 'There' }).id;
    const item =
      store.createProduct({ title: 'T', variants: [{ sku: 'T' }] }).variants[0]?.inventoryItemId ??
      '';
    store.connectLevel({ inventoryItemId: item, locationId: here });
    store.connectLevel({ inventoryItemId: item, locationId: there });

    const reply = await h.gql(
      '{ inventoryItems(first: 5) { edges { cursor node { id inventoryLevels(first: 3) { nodes { id location { id } } } } } } }',
    );
    // Actual: 2 + 1 item × (1 + 2 + 2 levels × 2) = 9.
    expect(reply.body.extensions?.cost).toMatchObject({
      requestedQueryCost: 47,
      actualQueryCost: 9,
      throttleStatus: { currentlyAvailable: 991 },
    });
  });

  it('refuses a single query that asks for more than 1000 points', async () => {
    const reply = await h.gql(
      '{ inventoryItems(first: 250) { nodes { inventoryLevels(first: 10) { nodes { id } } } } }',
    );
    // 2 + 250 × (1 + 2 + 10) = 3252.
    expect(reply.body.errors?.[0]).toMatchObject({
      extensions: { code: 'MAX_COST_EXCEEDED', cost: 3252, maxCost: 1000 },
    });
    expect(reply.body.data).toBeUndefined();
    expect(reply.body.extensions?.cost.throttleStatus.currentlyAvailable).toBe(10);
  });
});

describe('injected API faults', () => {
  it('answers the next requests with 429 and Retry-After, then 503, then normally', async () => {
    h.sandbox.apiFaults.inject({ kind: 'http_429', retryAfter: '2.0' });
    h.sandbox.apiFaults.inject({ kind: 'http_503' });
    const url = `${h.sandbox.url}/admin/api/2026-04/graphql.json`;
    const post = () =>
      fetch(url, {
        method: 'POST',
        headers: { 'X-Shopify-Access-Token': ACCESS_TOKEN, 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: '{ shop { name } }' }),
      });

    const limited = await post();
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '2.0']);
    expect((await post()).status).toBe(503);
    expect((await post()).status).toBe(200);
  });

  it('can answer THROTTLED on demand, drop the connection, or never answer', async () => {
    h.sandbox.apiFaults.inject({ kind: 'throttled' });
    expect((await h.gql('{ shop { name } }')).body.errors).toEqual([
      expect.objectContaining({ message: 'Throttled' }),
    ]);

    h.sandbox.apiFaults.inject({ kind: 'drop' });
    await expect(h.gql('{ shop { name } }')).rejects.toThrow();

    h.sandbox.apiFaults.inject({ kind: 'hang' });
    const url = `${h.sandbox.url}/admin/api/2026-04/graphql.json`;
    const hanging = fetch(url, {
      method: 'POST',
      headers: { 'X-Shopify-Access-Token': ACCESS_TOKEN },
      body: '{"query":"{ shop { name } }"}',
      signal: AbortSignal.timeout(200),
    });
    await expect(hanging).rejects.toThrow();
    expect(h.sandbox.apiFaults.pending()).toBe(0);
  });
});

describe('authentication', () => {
  it("answers a wrong token with Shopify's 401 body", async () => {
    const reply = await h.gql('{ shop { name } }', {}, 'shpat_wrong');
    expect(reply).toEqual({
      status: 401,
      body: {
        errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
      },
    });
  });

  it('issues client-credentials tokens that expire after 86399 seconds', async () => {
    await h.close();
    h = await startHarness({
      clientId: 'client-1',
      clientSecret: 'secret-1',
      webhookUrl: undefined,
    });
    const grant = async (body: string, contentType: string) =>
      fetch(`${h.sandbox.url}/admin/oauth/access_token`, {
        method: 'POST',
        headers: { 'Content-Type': contentType },
        body,
      });

    const wrong = await grant(
      'grant_type=client_credentials&client_id=client-1&client_secret=nope',
      'application/x-www-form-urlencoded',
    );
    expect(wrong.status).toBe(401);

    const issued = (await (
      await grant(
        'grant_type=client_credentials&client_id=client-1&client_secret=secret-1',
        'application/x-www-form-urlencoded',
      )
    ).json()) as Record<string, unknown>;
    expect(issued).toMatchObject({
      access_token: expect.stringMatching(/^shpat_/),
      expires_in: 86399,
    });
    const viaJson = await grant(
      JSON.stringify({
        grant_type: 'client_credentials',
        client_id: 'client-1',
        client_secret: 'secret-1',
      }),
      'application/json',
    );
    expect(viaJson.status).toBe(200);

    const token = String(issued.access_token);
    expect((await h.gql('{ shop { name } }', {}, token)).status).toBe(200);
    h.clock.advance(86_398_000);
    expect((await h.gql('{ shop { name } }', {}, token)).status).toBe(200);
    h.clock.advance(1_000);
    expect((await h.gql('{ shop { name } }', {}, token)).status).toBe(401);
  });
});

describe('reads', () => {
  it('resolves an InventoryLevel gid through nodes, with every named quantity', async () => {
    const reply = await h.gql(
      'query($ids: [ID!]!) { nodes(ids: $ids) { ... on InventoryLevel { id item { id } location { id } quantities(names: ["available", "on_hand", "incoming"]) { name quantity } } } }',
      {
        ids: [
          `gid://shopify/InventoryLevel/${locationId}?inventory_item_id=${firstItem}`,
          gid('InventoryItem', '1'),
        ],
      },
    );
    expect(reply.body.data?.nodes).toEqual([
      {
        id: `gid://shopify/InventoryLevel/${locationId}?inventory_item_id=${firstItem}`,
        item: { id: gid('InventoryItem', firstItem) },
        location: { id: gid('Location', locationId) },
        quantities: [
          { name: 'available', quantity: 1 },
          { name: 'on_hand', quantity: 1 },
          { name: 'incoming', quantity: 0 },
        ],
      },
      null,
    ]);
  });

  it('pages a connection with first and after', async () => {
    const first = await h.gql(
      '{ inventoryItems(first: 3) { nodes { sku } pageInfo { hasNextPage endCursor } } }',
    );
    const page = first.body.data?.inventoryItems as {
      nodes: Array<{ sku: string }>;
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    expect(page.nodes.map((n) => n.sku)).toEqual(['A', 'B', 'C']);
    expect(page.pageInfo.hasNextPage).toBe(true);

    const next = await h.gql(
      'query($after: String) { inventoryItems(first: 3, after: $after) { nodes { sku } pageInfo { hasNextPage } } }',
      { after: page.pageInfo.endCursor },
    );
    expect(next.body.data?.inventoryItems).toEqual({
      nodes: [{ sku: 'D' }],
      pageInfo: { hasNextPage: false },
    });
  });
});
