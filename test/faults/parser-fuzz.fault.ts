import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBody, placeHoldBody } from '../../src/http/v1/holds-routes.js';
import { TrueshelfError } from '../../src/shared/error-catalogue.js';
import { parseDelivery } from '../../src/sources/shopify/parse-delivery.js';
import { bearer, deliveryHeaders, startTestServer, TOKENS } from '../http/http-test-context.js';
import type { TestServer } from '../http/http-test-context.js';
import { NO_FIGURES, recordCampaignFigures } from './support/campaign-figures.js';

const TOPICS = [
  'inventory_levels/update',
  'inventory_levels/connect',
  'inventory_items/update',
  'inventory_items/delete',
  'orders/create',
  'orders/cancelled',
  'orders/edited',
  'refunds/create',
  'fulfillments/create',
  'fulfillment_orders/order_routing_complete',
  'inventory_transfers/complete',
  'made/up',
];
const RUNS = 300;
const runs = { webhook: 0, api: 0, http: 0 };

/** Shopify-shaped bodies with hostile values where the parser looks for ids, numbers and dates. */
const hostileValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom('9007199254740993', '-1', '1e309', '2026-02-30T25:61:00+99:00', "' OR 1=1 --"),
  fc.array(fc.integer(), { maxLength: 3 }),
);
const shopifyShaped = fc.record(
  {
    id: hostileValue,
    inventory_item_id: hostileValue,
    location_id: hostileValue,
    available: hostileValue,
    created_at: hostileValue,
    updated_at: hostileValue,
    line_items: fc.oneof(
      fc.array(fc.dictionary(fc.string(), hostileValue), { maxLength: 3 }),
      hostileValue,
    ),
  },
  { requiredKeys: [] },
);

/**
 * The parsers at both edges against generated input: the webhook payload parser and the
 * `/v1/holds` body schema, then both routes over HTTP. A parser may refuse, with a catalogue
 * error; it may not crash, and what it accepts must keep the schema's promises.
 */
describe('fuzz: the webhook and /v1 parsers', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    recordCampaignFigures({
      ...NO_FIGURES,
      scenario: 'parser fuzz (fast-check)',
      badInputsTried: runs.webhook + runs.api + runs.http,
      notes: [
        `${runs.webhook} webhook bodies, ${runs.api} hold bodies, ${runs.http} HTTP requests generated`,
      ],
    });
    await t.close();
  });

  it('the webhook parser answers an effect or a TrueshelfError, for any topic and body', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TOPICS),
        fc.oneof(
          fc.string(),
          fc.json(),
          shopifyShaped.map((body) => JSON.stringify(body)),
        ),
        (topic, body) => {
          runs.webhook += 1;
          try {
            const effect = parseDelivery(topic, body, '2026-05-04T10:00:00.000Z');
            expect(typeof effect).toBe('object');
          } catch (thrown) {
            expect(thrown).toBeInstanceOf(TrueshelfError);
          }
        },
      ),
      { numRuns: RUNS * 3, seed: 13 },
    );
  });

  it('the hold body schema accepts only whole quantities 1-10000 and refuses with invalid_request', () => {
    const line = fc.record(
      { sku: hostileValue, item: hostileValue, location: hostileValue, quantity: hostileValue },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.anything(),
      fc.record(
        {
          cartId: hostileValue,
          lines: fc.oneof(fc.array(line, { maxLength: 4 }), hostileValue),
          ttlSeconds: hostileValue,
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(body, (candidate) => {
        runs.api += 1;
        try {
          const parsed = parseBody(placeHoldBody, candidate);
          for (const l of parsed.lines) {
            expect(Number.isInteger(l.quantity) && l.quantity >= 1 && l.quantity <= 10_000).toBe(
              true,
            );
          }
          expect(parsed.lines.length).toBeGreaterThanOrEqual(1);
        } catch (thrown) {
          expect(thrown).toBeInstanceOf(TrueshelfError);
          expect((thrown as TrueshelfError).code).toBe('invalid_request');
          // The refusal must be answerable: its details serialize, and stay small.
          expect(JSON.stringify((thrown as TrueshelfError).details).length).toBeLessThan(20_000);
        }
      }),
      { numRuns: RUNS * 3, seed: 17 },
    );
  });

  it('over HTTP no generated hold request or delivery gets a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.string(),
          shopifyShaped.map((b) => JSON.stringify(b)),
        ),
        fc.boolean(),
        async (payload, signed) => {
          runs.http += 2;
          const hold = await t.server.inject({
            method: 'POST',
            url: '/v1/holds',
            headers: {
              ...bearer(TOKENS.write),
              'content-type': 'application/json',
              'idempotency-key': `fuzz-${runs.http}`,
            },
            payload,
          });
          expect(hold.statusCode).toBeGreaterThanOrEqual(400);
          expect(hold.statusCode).toBeLessThan(500);
          expect(typeof hold.json().error.code).toBe('string');

          const headers = deliveryHeaders(payload, { webhookId: `fuzz-${runs.http}` });
          if (!signed) headers['x-shopify-hmac-sha256'] = 'bm90IGEgc2lnbmF0dXJl';
          const hook = await t.server.inject({
            method: 'POST',
            url: '/webhooks/shopify',
            headers,
            payload,
          });
          expect(hook.statusCode).toBe(signed ? 200 : 401);
        },
      ),
      { numRuns: RUNS, seed: 19 },
    );
  });
});
