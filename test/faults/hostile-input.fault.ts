import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../src/shared/error-catalogue.js';
import { testEngine } from '../support/test-storage.js';
import { NO_FIGURES, recordCampaignFigures } from './support/campaign-figures.js';
import { hostileDeliveries } from './support/hostile-deliveries.js';
import type { HostileDelivery } from './support/hostile-deliveries.js';
import { hostileApiRequests } from './support/hostile-requests.js';
import type { HostileApiRequest } from './support/hostile-requests.js';
import { READ_TOKEN, signedHeaders, startInProcessChain } from './support/in-process-chain.js';
import type { InProcessChain } from './support/in-process-chain.js';
import { WRITE_TOKEN } from './support/serve-chain.js';
import type { ChainShape } from './support/serve-chain.js';
import { changedTables, snapshotTables } from './support/table-snapshot.js';

const SHAPE: ChainShape = {
  stores: 1,
  skus: ['HX-1'],
  unitsPerLevel: 20,
  bufferUnits: 0,
  seed: 31,
};

interface Outcome {
  readonly name: string;
  readonly status: number;
  readonly code: string | null;
}

/**
 * Crafted requests against a running trueshelf: every `/v1` one gets its 4xx and stable code,
 * every unsigned delivery 401, every signed but unusable one is stored and parked, and the
 * tables are row for row what they were, bar the parked deliveries.
 */
describe(`hostile input, on ${testEngine}`, () => {
  let t: InProcessChain;
  const api: HostileApiRequest[] = [];
  const deliveries: HostileDelivery[] = [];
  let replayed = 0;

  beforeAll(async () => {
    t = await startInProcessChain(SHAPE, {}, 'warn');
    api.push(
      ...hostileApiRequests(
        { write: WRITE_TOKEN, read: READ_TOKEN },
        { sku: 'HX-1', location: 'store-0' },
      ),
    );
    deliveries.push(
      ...hostileDeliveries(signedHeaders, {
        item: t.chain.itemIds['HX-1'] ?? '',
        location: t.chain.storeIds[0] ?? '',
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await t.close();
  });

  async function send(request: HostileApiRequest): Promise<Outcome> {
    const raw = typeof request.body === 'string' || Buffer.isBuffer(request.body);
    const headers: Record<string, string> = {
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      'idempotency-key': `hostile-${api.indexOf(request)}`,
      ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
      ...request.headers,
    };
    if (headers['idempotency-key'] === '') delete headers['idempotency-key'];
    const response = await fetch(`${t.running.url}${request.url}`, {
      method: request.method,
      headers,
      body:
        request.body === undefined
          ? undefined
          : raw
            ? (request.body as string)
            : JSON.stringify(request.body),
    });
    const text = await response.text();
    let code: string | null;
    try {
      code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? null;
    } catch {
      code = null;
    }
    return { name: request.name, status: response.status, code };
  }

  it(
    'at least 100 crafted requests: clear 4xx codes, 401 or parked, and no state changed',
    { timeout: 120_000 },
    async () => {
      // A delivery that is fine, applied before the snapshot, so its replays can be tried.
      const genuine = JSON.stringify({
        inventory_item_id: Number(t.chain.itemIds['HX-1']),
        location_id: Number(t.chain.storeIds[0]),
        available: 20,
        updated_at: '2026-05-04T05:59:58-04:00',
      });
      const genuineHeaders = signedHeaders(genuine, { webhookId: 'genuine-delivery-1' });
      const post = (body: string | Buffer, headers: Record<string, string>) =>
        fetch(`${t.running.url}/webhooks/shopify`, { method: 'POST', headers, body });
      expect((await post(genuine, genuineHeaders)).status).toBe(200);
      await t.settle();
      const before = await snapshotTables(t.database.storage);

      const apiOutcomes: Outcome[] = [];
      for (const request of api) apiOutcomes.push(await send(request));
      const hookOutcomes: Outcome[] = [];
      for (const delivery of deliveries) {
        const response = await post(delivery.body, delivery.headers);
        hookOutcomes.push({ name: delivery.name, status: response.status, code: null });
      }
      for (let i = 0; i < 3; i += 1) {
        replayed += 1;
        hookOutcomes.push({
          name: `replay ${i + 1}`,
          status: (await post(genuine, genuineHeaders)).status,
          code: null,
        });
      }
      await t.settle();
      const after = await snapshotTables(t.database.storage);

      // The parked deliveries are the one change allowed: set them aside and compare the rest.
      const signedNames = deliveries.filter((d) => d.signed).length;
      const parked = await t.database.storage.db
        .selectFrom('deliveries')
        .select(['webhook_id', 'topic', 'status'])
        .where('webhook_id', '!=', 'genuine-delivery-1')
        .execute();
      const applied = parked.filter((d) => d.status === 'applied');
      const withoutDeliveries = (s: typeof before) =>
        new Map([...s].filter(([table]) => table !== 'deliveries'));
      const changed = changedTables(withoutDeliveries(before), withoutDeliveries(after));

      const wrongApi = apiOutcomes
        .map((o, i) => ({ ...o, expected: `${api[i]?.status} ${api[i]?.code}` }))
        .filter((o) => `${o.status} ${o.code}` !== o.expected);
      const wrongHooks = hookOutcomes.filter((o, i) => {
        const signed = deliveries[i]?.signed ?? true;
        return o.status !== (signed ? 200 : 401);
      });
      recordCampaignFigures({
        ...NO_FIGURES,
        scenario: `hostile input (${testEngine})`,
        deliveries: deliveries.length + replayed,
        duplicated: parked.length - new Set(parked.map((d) => `${d.topic}|${d.webhook_id}`)).size,
        badInputsTried: api.length + deliveries.length + replayed,
        badInputsChangedState: changed.length + applied.length + wrongApi.length,
        notes: [
          `${api.length} /v1 requests, ${deliveries.length - signedNames} unsigned and ` +
            `${signedNames} signed-but-unusable deliveries, ${replayed} replays`,
        ],
      });

      expect(api.length + deliveries.length + replayed).toBeGreaterThanOrEqual(100);
      expect(wrongApi).toEqual([]);
      expect(apiOutcomes.every((o) => o.status >= 400 && o.status < 500)).toBe(true);
      expect(apiOutcomes.every((o) => o.code !== null && o.code in errorCatalogue)).toBe(true);
      expect(wrongHooks).toEqual([]);
      // Each signed case is one new stored row, never applied; the replays add none.
      expect(parked).toHaveLength(signedNames);
      expect(applied).toEqual([]);
      expect(changed).toEqual([]);
    },
  );

  it('keeps serving: healthz answers and a genuine hold is placed afterwards', async () => {
    const health = await fetch(`${t.running.url}/healthz`);
    expect(health.status).toBeLessThan(500);

    const response = await fetch(`${t.running.url}/v1/holds`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${WRITE_TOKEN}`,
        'content-type': 'application/json',
        'idempotency-key': 'after-the-storm',
      },
      body: JSON.stringify({
        cartId: 'after',
        lines: [{ sku: 'HX-1', location: 'store-0', quantity: 2 }],
      }),
    });
    expect(response.status).toBe(201);
  });
});
