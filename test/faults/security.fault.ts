import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/http/openapi-document.js';
import { RateLimit } from '../../src/http/rate-limit.js';
import { testEngine } from '../support/test-storage.js';
import { NO_FIGURES, recordCampaignFigures } from './support/campaign-figures.js';
import {
  ADMIN_TOKEN,
  READ_TOKEN,
  signedHeaders,
  startInProcessChain,
} from './support/in-process-chain.js';
import type { InProcessChain } from './support/in-process-chain.js';
import { WEBHOOK_SECRET, WRITE_TOKEN } from './support/serve-chain.js';
import type { ChainShape } from './support/serve-chain.js';

const SHAPE: ChainShape = {
  stores: 1,
  skus: ['SE-1'],
  unitsPerLevel: 12,
  bufferUnits: 1,
  seed: 71,
};
const RATE = { perSecond: 5, burst: 10 };
/** A token shaped like a real one but used nowhere else, so a grep of the log cannot miss it. */
const STRANGER_TOKEN = 'zz-stranger-token-7f3a9c1e5b';

/**
 * Security of a running trueshelf, its whole log captured at trace level: tokens on every
 * write, scopes, body limits, the per-client rate limit, headers, and no secret in the log.
 */
describe(`security, on ${testEngine}`, () => {
  let t: InProcessChain;
  const checks = { tried: 0, failed: 0 };

  beforeAll(async () => {
    t = await startInProcessChain(SHAPE, {
      'api.requestsPerSecond': RATE.perSecond,
      'api.burstRequests': RATE.burst,
    });
  }, 60_000);

  afterAll(async () => {
    recordCampaignFigures({
      ...NO_FIGURES,
      scenario: `security (${testEngine})`,
      badInputsTried: checks.tried,
      notes: [`${checks.tried} unauthorised or over-limit requests, all refused`],
    });
    await t.close();
  });

  const call = (method: string, path: string, token?: string, body?: unknown) =>
    fetch(`${t.running.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        'idempotency-key': `security-${Math.random()}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  /** Every operation of the OpenAPI document, with its path parameters filled in. */
  const operations = Object.entries(openApiDocument.paths)
    .filter(([path]) => path.startsWith('/v1/'))
    .flatMap(([path, item]) =>
      Object.keys(item as object)
        .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'x') })),
    );

  it('every /v1 operation refuses a request without a token or with a stranger’s', async () => {
    expect(operations.length).toBeGreaterThan(10);
    for (const op of operations) {
      for (const token of [undefined, STRANGER_TOKEN]) {
        checks.tried += 1;
        const response = await call(
          op.method,
          op.path,
          token,
          op.method === 'GET' ? undefined : {},
        );
        expect([op.method, op.path, response.status]).toEqual([op.method, op.path, 401]);
        expect(response.headers.get('www-authenticate')).toContain('Bearer');
      }
    }
  });

  it('every /v1 write refuses a read-only token with 403 forbidden', async () => {
    const writes = operations.filter((op) => op.method !== 'GET');
    expect(writes.length).toBeGreaterThan(3);
    for (const op of writes) {
      checks.tried += 1;
      const response = await call(op.method, op.path, READ_TOKEN, {});
      const body = (await response.json()) as { error: { code: string } };
      expect([op.path, response.status, body.error.code]).toEqual([op.path, 403, 'forbidden']);
    }
  });

  it('dashboard actions need a session and its CSRF token', async () => {
    for (const path of ['/dashboard/api/deliveries/replay', '/dashboard/api/outbox/replay']) {
      checks.tried += 1;
      expect((await call('POST', path, undefined, {})).status).toBe(401);
    }
    const signIn = await fetch(`${t.running.url}/dashboard/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: t.running.url },
      body: JSON.stringify({ token: WRITE_TOKEN }),
    });
    expect(signIn.status).toBe(201);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    checks.tried += 1;
    const withoutCsrf = await fetch(`${t.running.url}/dashboard/api/outbox/replay`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: t.running.url },
      body: '{}',
    });
    expect(withoutCsrf.status).toBe(403);
  });

  it('bodies over the limits are refused with 413 payload_too_large', async () => {
    checks.tried += 2;
    const big = `{"cartId":"${'x'.repeat(1_100_000)}"}`;
    const api = await fetch(`${t.running.url}/v1/holds`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${WRITE_TOKEN}`,
        'content-type': 'application/json',
        'idempotency-key': 'big',
      },
      body: big,
    });
    expect(api.status).toBe(413);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
    const hook = 'x'.repeat(2_200_000);
    const webhook = await fetch(`${t.running.url}/webhooks/shopify`, {
      method: 'POST',
      headers: signedHeaders(hook),
      body: hook,
    });
    expect(webhook.status).toBe(413);
  });

  it('a client over its rate gets 429 rate_limited with Retry-After; another client does not', async () => {
    // Wait out the bucket the earlier cases spent: 10 tokens at 5 a second.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 25; i += 1) {
      const response = await call('GET', '/v1/locations', READ_TOKEN);
      statuses.push(response.status);
      if (response.status === 429) limited ??= response;
      else await response.arrayBuffer();
    }
    checks.tried += statuses.filter((s) => s === 429).length;
    // A burst of 10 passes, then at most a token or two refilled while the 25 went out.
    expect(statuses.slice(0, RATE.burst).every((s) => s === 200)).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10);
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await limited?.json()) as { error: { code: string } }).error.code).toBe(
      'rate_limited',
    );
    expect((await call('GET', '/v1/locations', WRITE_TOKEN)).status).toBe(200);
  });

  it('the token bucket refills at the configured rate (a fixed clock, worked by hand)', () => {
    let now = 0;
    const limit = new RateLimit({ requestsPerSecond: 2, burstRequests: 3 }, () => now);
    // 3 at once pass, the 4th does not; after 500 ms one token (2/s × 0.5 s) is back.
    expect([1, 2, 3, 4].map(() => limit.take('a').ok)).toEqual([true, true, true, false]);
    now = 500;
    expect([limit.take('a').ok, limit.take('a').ok]).toEqual([true, false]);
    const refused = limit.take('a');
    expect(refused.ok ? 0 : refused.retryAfterSeconds).toBe(1);
    expect(limit.take('b').ok).toBe(true);
    expect(new RateLimit({ requestsPerSecond: 0, burstRequests: 1 }).take('a').ok).toBe(true);
  });

  it('answers carry the security headers, errors and the webhook route included', async () => {
    for (const [method, path] of [
      ['GET', '/v1/locations'],
      ['GET', '/healthz'],
      ['GET', '/no-such-page'],
      ['POST', '/webhooks/shopify'],
    ] as const) {
      const response = await call(method, path, READ_TOKEN, method === 'POST' ? {} : undefined);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('tokens are compared as digests in constant time, with no early exit', () => {
    const source = readFileSync(
      new URL('../../src/http/client-tokens.ts', import.meta.url),
      'utf8',
    );
    expect(source).toContain('timingSafeEqual(token.digest, digest)');
    // The only === in the file test for absence; none compares two tokens or digests.
    const equalities = source.split('\n').filter((line) => /[!=]==/.test(line));
    expect(equalities.every((line) => /[!=]== undefined/.test(line))).toBe(true);
  });

  it('a full flow logs no token, secret or signature, even at trace level', async () => {
    const item = t.chain.itemIds['SE-1'] ?? '';
    const body = JSON.stringify({
      inventory_item_id: Number(item),
      location_id: Number(t.chain.storeIds[0]),
      available: 3,
    });
    const headers = signedHeaders(body);
    await fetch(`${t.running.url}/webhooks/shopify`, { method: 'POST', headers, body });
    await call('POST', '/v1/holds', WRITE_TOKEN, {
      cartId: 'log-cart',
      lines: [{ sku: 'SE-1', location: 'store-0', quantity: 1 }],
    });
    await call('GET', '/v1/holds?cart=log-cart', READ_TOKEN);
    await call('GET', '/v1/locations', STRANGER_TOKEN);
    await fetch(`${t.running.url}/dashboard/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: t.running.url },
      body: JSON.stringify({ token: STRANGER_TOKEN }),
    });
    t.chain.sandbox.store.posSale({
      location: t.chain.storeIds[0] ?? '',
      lines: [{ sku: 'SE-1', quantity: 1 }],
    });
    await t.settle();

    const log = t.logText();
    expect(log.length).toBeGreaterThan(1000);
    const secrets = [
      WRITE_TOKEN,
      READ_TOKEN,
      STRANGER_TOKEN,
      ADMIN_TOKEN,
      WEBHOOK_SECRET,
      headers['x-shopify-hmac-sha256'] ?? '',
    ];
    expect(secrets.filter((secret) => log.includes(secret))).toEqual([]);
  });
});
