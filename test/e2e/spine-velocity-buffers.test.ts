import { afterEach, describe, expect, it } from 'vitest';
import { saveBufferRules } from '../../src/engine/buffers/buffer-rules-store.js';
import { velocityDb } from '../../src/engine/velocity/velocity-database.js';
import { startSpine } from '../support/spine-harness.js';
import type { Spine } from '../support/spine-harness.js';
import { testEngine } from '../support/test-storage.js';

/** A computed buffer reaches Shopify through the one decision and the real move publisher. */
describe(`computed buffers through the spine (${testEngine})`, () => {
  let spine: Spine | null = null;
  afterEach(async () => {
    await spine?.close();
    spine = null;
  });

  async function recomputed(s: Spine, round: number): Promise<void> {
    s.running.context.wakeBuffers?.();
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const row = await velocityDb(s.database.storage.db)
        .selectFrom('level_buffers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('computed_at', '>=', new Date(round).toISOString())
        .executeTakeFirstOrThrow();
      if (Number(row.n) >= 2) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('the buffer recompute did not run');
  }

  it('moves the rule’s buffer into safety_stock once, and not again when nothing changed', async () => {
    spine = await startSpine({ stock: { downtown: { TEE: 5, CAP: 4 } } });
    const db = spine.database.storage.db;
    const tee = await db
      .selectFrom('items')
      .select('id')
      .where('sku', '=', 'TEE')
      .executeTakeFirstOrThrow();
    // TEE at downtown: fixed 2; everything else: fixed 0 (the location's bufferUnits is 0 too).
    await saveBufferRules(
      db,
      {
        version: 1,
        chainDefault: { policy: { kind: 'fixed', units: 0 } },
        rules: [
          {
            scope: 'item_at_location',
            item: tee.id,
            location: 'downtown',
            policy: { kind: 'fixed', units: 2 },
          },
        ],
      },
      { source: 'api', now: new Date() },
    );

    const firstRound = Date.now();
    await recomputed(spine, firstRound);
    await spine.settle();

    // 5 available, buffer 2: Shopify shows 3 available and 2 in safety_stock; CAP untouched.
    expect(spine.shopify('downtown', 'TEE')).toMatchObject({ available: 3, safety_stock: 2 });
    expect(spine.shopify('downtown', 'CAP')).toMatchObject({ available: 4, safety_stock: 0 });
    const pushes = async () =>
      db
        .selectFrom('pushes')
        .select(['item_id'])
        .where('channel', '=', 'shopify')
        .where('item_id', '=', tee.id)
        .execute();
    expect(await pushes()).toHaveLength(1);

    const secondRound = Date.now();
    await recomputed(spine, secondRound);
    await spine.settle();
    expect(await pushes()).toHaveLength(1);
  });
});
