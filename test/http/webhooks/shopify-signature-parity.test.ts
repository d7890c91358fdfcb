import '@shopify/shopify-api/adapters/node';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../../src/sources/shopify/verify-webhook-signature.js';
import { deliveryHeaders, startTestServer, WEBHOOK_SECRET } from '../http-test-context.js';
import type { TestServer } from '../http-test-context.js';

/**
 * Shopify's own library is the reference: the same bytes and headers go to it (through a real
 * node:http server, since it reads the request object) and to trueshelf's route, and both must
 * agree on what is signed.
 */
const shopify = shopifyApi({
  apiKey: 'parity-test-app',
  apiSecretKey: WEBHOOK_SECRET,
  hostName: '127.0.0.1',
  apiVersion: ApiVersion.April26,
  isEmbeddedApp: false,
  isCustomStoreApp: true,
  adminApiAccessToken: 'x',
  logger: { level: LogSeverity.Error, log: async () => {} },
});

async function referenceVerdict(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks).toString('utf8');

  const result = await shopify.webhooks.validate({
    rawBody,
    rawRequest: request,
    rawResponse: response,
  });
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(result));
}

describe('webhook signatures agree with @shopify/shopify-api', () => {
  let reference: Server;
  let referenceUrl: string;
  let t: TestServer;

  beforeAll(async () => {
    reference = createServer((request, response) => {
      referenceVerdict(request, response).catch((thrown: unknown) => {
        response.statusCode = 500;
        response.end(String(thrown));
      });
    });
    await new Promise<void>((resolve) => reference.listen(0, '127.0.0.1', resolve));
    referenceUrl = `http://127.0.0.1:${(reference.address() as AddressInfo).port}/`;
    t = await startTestServer();
  });

  afterAll(async () => {
    await new Promise<void>((resolve, reject) =>
      reference.close((e) => (e ? reject(e) : resolve())),
    );
    await t.close();
  });

  async function bothVerdicts(sent: string, headers: Record<string, string>) {
    const answer = await fetch(referenceUrl, { method: 'POST', headers, body: sent });
    const library = (await answer.json()) as { valid: boolean; reason?: string };

    const ours = await t.server.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers,
      payload: sent,
    });
    const direct = verifyWebhookSignature(Buffer.from(sent), headers['x-shopify-hmac-sha256'], [
      WEBHOOK_SECRET,
    ]);
    return { library, ourStatus: ours.statusCode, direct };
  }

  const body = JSON.stringify({
    id: 'gid://shopify/InventoryLevel/523463154?inventory_item_id=808950810',
    available: 3,
    note: 'café — naïve ✓',
  });

  it('both accept a validly signed body', async () => {
    const verdicts = await bothVerdicts(body, deliveryHeaders(body, { webhookId: 'parity-valid' }));

    expect(verdicts.library.valid).toBe(true);
    expect(verdicts.direct).toBe(true);
    expect(verdicts.ourStatus).toBe(200);
  });

  it('both refuse a body changed after signing', async () => {
    const tampered = body.replace('"available":3', '"available":30');
    expect(tampered).not.toBe(body);

    const verdicts = await bothVerdicts(
      tampered,
      deliveryHeaders(body, { webhookId: 'parity-tampered' }),
    );

    expect(verdicts.library).toMatchObject({ valid: false, reason: 'invalid_hmac' });
    expect(verdicts.direct).toBe(false);
    expect(verdicts.ourStatus).toBe(401);
  });

  it('both refuse a body signed with another secret', async () => {
    const headers = deliveryHeaders(body, {
      secret: 'someone-elses-secret',
      webhookId: 'parity-wrong',
    });

    const verdicts = await bothVerdicts(body, headers);

    expect(verdicts.library).toMatchObject({ valid: false, reason: 'invalid_hmac' });
    expect(verdicts.direct).toBe(false);
    expect(verdicts.ourStatus).toBe(401);
  });
});
