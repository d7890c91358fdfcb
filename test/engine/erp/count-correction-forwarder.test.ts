import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBookedCountCorrections } from '../../../src/engine/erp/booked-count-corrections.js';
import { CountCorrectionForwarder } from '../../../src/engine/erp/count-correction-forwarder.js';
import { erpDb } from '../../../src/engine/erp/erp-database.js';
import type { ErpPostingSettings } from '../../../src/engine/erp/erp-posting-settings.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { seedBookedCorrection } from './correction-fixture.js';
import { seedItem, seedLocation, seedNetSuiteItem } from './erp-fixture.js';

const clock = new ManualClock('2026-03-01T12:00:00.000Z');
const withAccount: ErpPostingSettings = { adjustmentAccountId: '154', postSales: false };

describe(`forwarding the audit's count corrections to NetSuite on ${testEngine}`, () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await openTestDatabase();
    const { storage } = database;
    await seedLocation(storage, { handle: 'downtown', netsuiteId: '7' });
    await seedItem(storage, { id: 'A', sku: 'TEE-A' });
    await seedNetSuiteItem(storage, '42', 'A');
    const correction = (id: string, extra: Partial<Parameters<typeof seedBookedCorrection>[1]>) =>
      seedBookedCorrection(storage, {
        id,
        importId: `import-${id}`,
        locationHandle: 'downtown',
        countedAt: '2026-03-01T15:00:00.000Z',
        appliedAt: '2026-03-01T16:00:00.000Z',
        lines: [{ itemId: 'A', delta: -2 }],
        ...extra,
      });
    await correction('c-1', {});
    // Not booked in Shopify: a warehouse correction the audit posts itself, and a failed one.
    await correction('c-2', { target: 'erp' });
    await correction('c-3', { status: 'failed' });
  });

  afterEach(async () => database.close());

  const forwarder = (settings: ErpPostingSettings) =>
    new CountCorrectionForwarder({
      storage: database.storage,
      settings,
      clock: clock.now,
      logger: silentLogger(),
    });

  it('records one adjustment per correction booked in Shopify, dated the count day, once', async () => {
    expect(await forwarder(withAccount).runOnce()).toBe(1);
    expect(await forwarder(withAccount).runOnce()).toBe(0);

    const posts = await erpDb(database.storage).selectFrom('erp_posts').selectAll().execute();
    expect(posts.map((post) => [post.external_id, post.source_ref, post.status])).toEqual([
      ['trueshelf-count-c-1', 'c-1', 'pending'],
    ]);
    // 15:00 UTC is 10:00 in New York on the same day.
    expect(JSON.parse(posts[0]?.request ?? '{}')).toMatchObject({
      tranDate: '2026-03-01',
      lines: [{ itemId: '42', locationId: '7', adjustQtyBy: -2 }],
    });
    expect(
      await database.storage.db.selectFrom('outbox').select(['channel', 'item_id']).execute(),
    ).toEqual([{ channel: 'netsuite', item_id: 'trueshelf-count-c-1' }]);
  });

  it('leaves a correction it cannot post unrecorded, and records it once it can', async () => {
    const noAccount: ErpPostingSettings = { adjustmentAccountId: undefined, postSales: false };
    expect(await forwarder(noAccount).runOnce()).toBe(0);
    expect(await erpDb(database.storage).selectFrom('erp_posts').selectAll().execute()).toEqual([]);

    expect(await forwarder(withAccount).runOnce()).toBe(1);
  });

  it('a recorded but unposted correction still explains a gap; a posted one no longer does', async () => {
    await forwarder(withAccount).runOnce();
    const ids = async (without: 'unrecorded' | 'unposted') =>
      (await loadBookedCountCorrections(database.storage, { without })).map((c) => c.id);

    expect(await ids('unrecorded')).toEqual([]);
    expect(await ids('unposted')).toEqual(['c-1']);

    await erpDb(database.storage).updateTable('erp_posts').set({ status: 'posted' }).execute();
    expect(await ids('unposted')).toEqual([]);
  });
});
