import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needsSharedData, sharedDataPath, withSharedData } from '../../support/shared-data.js';
import { deliveryHeaders, startTestServer } from '../http-test-context.js';
import type { TestServer } from '../http-test-context.js';

const SAMPLES = sharedDataPath('shopify/official-doc-samples');

interface DocSample {
  name: string;
  response: unknown;
}

/** Shopify's documented sample payload per topic; ids in the files may be rounded, which is fine. */
const samples = (withSharedData ? readdirSync(SAMPLES) : [])
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => ({
    file,
    sample: JSON.parse(readFileSync(join(SAMPLES, file), 'utf8')) as DocSample,
  }));

describe.runIf(withSharedData)(needsSharedData("Shopify's documented sample payloads"), () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { TRUESHELF_INBOX_MAX_BODY_BYTES: '2097152' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('are all present to test', () => {
    expect(samples.length).toBeGreaterThanOrEqual(12);
  });

  it.each(samples)('$file is accepted with 200 and stored as sent', async ({ file, sample }) => {
    const body = JSON.stringify(sample.response);
    const webhookId = `doc-sample-${file}`;

    const response = await t.server.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers: deliveryHeaders(body, { topic: sample.name, webhookId }),
      payload: body,
    });

    expect(response.statusCode).toBe(200);
    const row = await t.storage.db
      .selectFrom('deliveries')
      .selectAll()
      .where('webhook_id', '=', webhookId)
      .executeTakeFirstOrThrow();
    expect(row.topic).toBe(sample.name);
    expect(row.body).toBe(body);
  });
});
