import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueGoogleTarget } from '../../../src/channels/google/enqueue-google-target.js';
import { googleSettingsFrom } from '../../../src/channels/google/google-settings.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { insertItems, insertStores } from './google-test-chain.js';

const settings = googleSettingsFrom({ google: { mode: 'publish', merchantAccountId: '1' } });
const at = (time: string) => `2026-12-01T${time}.000Z`;

describe(`enqueueGoogleTarget on ${testEngine}`, () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await openTestDatabase();
    await insertStores(database.storage.db, [
      { handle: 'downtown', storeCode: 'STORE-1' },
      { handle: 'depot', storeCode: null, kind: 'warehouse' },
    ]);
    await insertItems(database.storage.db, [{ id: 'tee', sku: 'TEE-1' }]);
  });
  afterEach(async () => database.close());

  const enqueue = (
    sellable: number,
    now: string,
    options = settings,
    locationHandle = 'downtown',
  ) =>
    enqueueGoogleTarget(database.storage.db, {
      itemId: 'tee',
      locationHandle,
      decision: { sellable },
      settings: options,
      signalAt: now,
      now,
    });

  const row = () =>
    database.storage.db
      .selectFrom('outbox')
      .selectAll()
      .where('channel', '=', 'google')
      .executeTakeFirstOrThrow();

  it('debounces quantity-only changes but never past a deadline already pending', async () => {
    await enqueue(8, at('10:00:00'));
    // Pretend the first target was sent.
    await database.storage.db.updateTable('outbox').set({ status: 'done' }).execute();

    expect(await enqueue(7, at('10:00:10'))).toMatchObject({
      bandChange: false,
      dueAt: at('10:01:10'),
    });
    // Another sale 30 s later: still due at 10:01:10, not pushed back to 10:01:40.
    expect(await enqueue(6, at('10:00:40'))).toMatchObject({
      bandChange: false,
      dueAt: at('10:01:10'),
    });
    expect(await row()).toMatchObject({ next_attempt_at: at('10:01:10'), target_version: 3 });

    // Down to 2 units: a band change is due at once, whatever was pending.
    expect(await enqueue(2, at('10:00:50'))).toMatchObject({
      bandChange: true,
      dueAt: at('10:00:50'),
    });
    expect((await row()).next_attempt_at).toBe(at('10:00:50'));
  });

  it('enqueues nothing when the target is the one already there', async () => {
    await enqueue(8, at('10:00:00'));
    expect(await enqueue(8, at('10:00:05'))).toEqual({ enqueued: false, why: 'unchanged' });
  });

  it('enqueues nothing in shadow, on the file path, or where there is no store code', async () => {
    const shadow = googleSettingsFrom({ google: { mode: 'shadow' } });
    const file = googleSettingsFrom({ google: { mode: 'publish', deliveryPath: 'file' } });

    expect(await enqueue(8, at('10:00:00'), shadow)).toEqual({
      enqueued: false,
      why: 'not_publishing',
    });
    expect(await enqueue(8, at('10:00:00'), file)).toEqual({
      enqueued: false,
      why: 'not_publishing',
    });
    expect(await enqueue(8, at('10:00:00'), settings, 'depot')).toEqual({
      enqueued: false,
      why: 'no_store_code',
    });
    expect(await database.storage.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
  });

  it('sends every change at once when the debounce is 0', async () => {
    const eager = googleSettingsFrom({ google: { ...settings, quantityDebounceSeconds: 0 } });
    await enqueue(8, at('10:00:00'), eager);
    expect(await enqueue(7, at('10:00:10'), eager)).toMatchObject({
      bandChange: false,
      dueAt: at('10:00:10'),
    });
  });
});
