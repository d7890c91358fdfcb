import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryBatcher } from '../../../src/engine/inbox/delivery-batcher.js';
import type { IncomingDelivery } from '../../../src/engine/inbox/record-delivery.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';

function delivery(webhookId: string, topic = 'inventory_levels/update'): IncomingDelivery {
  return {
    shop: 'batch.myshopify.com',
    topic,
    webhookId,
    eventId: null,
    triggeredAt: '2026-12-01T10:00:00.123Z',
    apiVersion: '2026-04',
    body: `{"id":"${webhookId}"}`,
  };
}

describe(`DeliveryBatcher on ${testEngine}`, () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
  });
  afterEach(async () => database.close());

  it('stores concurrent deliveries once each, and answers copies as duplicates of the first', async () => {
    const batcher = new DeliveryBatcher(database.storage);
    const at = new Date('2026-12-01T10:00:01Z');

    const first = await batcher.record(delivery('w-0'), at);
    const results = await Promise.all([
      ...Array.from({ length: 50 }, (_, i) => batcher.record(delivery(`w-${i % 25}`), at)),
      batcher.record(delivery('w-0', 'orders/create'), at),
    ]);

    // w-0 … w-24: 25 ids, each sent twice in the burst; w-0 was stored before it. orders/create
    // with id w-0 is another topic, so a new delivery.
    expect(results.filter((r) => r.stored === 'new')).toHaveLength(25);
    expect(results.filter((r) => r.stored === 'duplicate')).toHaveLength(26);
    expect(results.filter((r) => r.id === first.id)).toHaveLength(2);
    const rows = await database.storage.db
      .selectFrom('deliveries')
      .select(['topic', 'webhook_id', 'triggered_at', 'status'])
      .execute();
    expect(rows).toHaveLength(26);
    expect(
      rows.every((r) => r.status === 'pending' && r.triggered_at === '2026-12-01T10:00:00.123Z'),
    ).toBe(true);
  });

  it('fails every waiting request when the store cannot commit', async () => {
    const batcher = new DeliveryBatcher(database.storage);
    await database.storage.db.schema.dropTable('deliveries').execute();

    const outcomes = await Promise.allSettled([
      batcher.record(delivery('x-1'), new Date()),
      batcher.record(delivery('x-2'), new Date()),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });
});
