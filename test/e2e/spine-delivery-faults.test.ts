import { afterEach, describe, expect, it } from 'vitest';
import { startTrueshelf } from '../../src/app/start-trueshelf.js';
import { silentLogger } from '../../src/shared/logger.js';
import { signWebhookBody } from '../../src/sources/shopify/verify-webhook-signature.js';
import { SECRET, startSpine } from '../support/spine-harness.js';
import type { Spine } from '../support/spine-harness.js';
import { testEngine } from '../support/test-storage.js';

describe(`deliveries that arrive twice, late, out of order or across a crash (${testEngine})`, () => {
  let spine: Spine | null = null;
  afterEach(async () => {
    await spine?.close();
    spine = null;
  });

  it('three copies of every delivery at once change the mirror once', async () => {
    spine = await startSpine({ stock: { downtown: { TEE: 5 } } });
    spine.sandbox.webhooks.setFaults({ duplicate: { times: 3 } });

    spine.sandbox.store.posSale({
      location: spine.locationIds['downtown'] ?? '',
      lines: [{ sku: 'TEE', quantity: 2 }],
    });
    await spine.settle();

    const level = await spine.mirror('downtown', 'TEE');
    expect([level['available'], level['on_hand']]).toEqual([3, 3]);
    const rows = await spine.database.storage.db
      .selectFrom('deliveries')
      .select(['webhook_id', 'status'])
      .where('topic', '=', 'orders/create')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.status).toBe('applied');
    const facts = await spine.database.storage.db
      .selectFrom('fact_lines')
      .selectAll()
      .where('kind', '=', 'order')
      .execute();
    expect(facts).toHaveLength(1);
  });

  it('two updates arriving newest first still leave the mirror equal to Shopify', async () => {
    spine = await startSpine({ stock: { downtown: { TEE: 9 } } });
    spine.sandbox.webhooks.setFaults({ reorder: { batchSize: 4 } });

    const location = spine.locationIds['downtown'] ?? '';
    spine.sandbox.store.posSale({ location, lines: [{ sku: 'TEE', quantity: 1 }] });
    spine.sandbox.store.posSale({ location, lines: [{ sku: 'TEE', quantity: 3 }] });
    spine.sandbox.webhooks.setFaults({});
    await spine.settle();

    const level = await spine.mirror('downtown', 'TEE');
    expect([level['available'], level['on_hand']]).toEqual([5, 5]);
    expect(spine.shopify('downtown', 'TEE')).toMatchObject({ available: 5, on_hand: 5 });
  });

  it('deliveries stored before a crash are applied once after restart, and Shopify redelivering them changes nothing', async () => {
    spine = await startSpine({ stock: { downtown: { TEE: 7 } } });
    const { database, sandbox } = spine;
    const port = spine.running.port;
    const config = spine.running.context.config;
    await spine.running.close();

    // An ingest-only instance on the same port stores deliveries, then dies before applying them.
    const ingest = await startTrueshelf(
      { ...config, port },
      { storage: database.storage, logger: silentLogger(), workers: false },
    );
    sandbox.webhooks.setFaults({ duplicate: { times: 2 } });
    sandbox.store.posSale({
      location: spine.locationIds['downtown'] ?? '',
      lines: [{ sku: 'TEE', quantity: 2 }],
    });
    await sandbox.webhooks.idle();
    const pending = await database.storage.db
      .selectFrom('deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .execute();
    expect(pending.length).toBeGreaterThan(0);
    await ingest.close();

    // Restart with workers on the same database and port; Shopify sends everything once more.
    spine.running = await startTrueshelf(
      { ...config, port },
      { storage: database.storage, logger: silentLogger() },
    );
    const stored = await database.storage.db.selectFrom('deliveries').selectAll().execute();
    for (const delivery of stored) {
      const response = await fetch(`${spine.running.url}/webhooks/shopify`, {
        method: 'POST',
        body: delivery.body,
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': delivery.topic,
          'x-shopify-shop-domain': delivery.shop,
          'x-shopify-webhook-id': delivery.webhook_id,
          'x-shopify-api-version': '2026-04',
          'x-shopify-hmac-sha256': signWebhookBody(delivery.body, SECRET),
        },
      });
      expect(response.status).toBe(200);
    }
    await spine.settle();

    const level = await spine.mirror('downtown', 'TEE');
    expect([level['available'], level['on_hand']]).toEqual([5, 5]);
    const applied = await database.storage.db
      .selectFrom('deliveries')
      .select(['status', 'attempts'])
      .where('topic', '=', 'orders/create')
      .execute();
    expect(applied).toEqual([{ status: 'applied', attempts: 1 }]);
    const sold = (await spine.movements('downtown', 'TEE')).filter((m) => m.state === 'on_hand');
    expect(sold.map((m) => m.delta)).toEqual([-2]);
  });
});
