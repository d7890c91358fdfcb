import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { erpDb } from '../../../src/engine/erp/erp-database.js';
import { applyCorrections } from '../../../src/reports/audit/apply-corrections.js';
import { NetSuiteCorrectionSink } from '../../../src/reports/audit/netsuite-correction-sink.js';
import { importCounts } from '../../../src/sources/counts/import-counts.js';
import type { Storage } from '../../../src/storage/storage.js';
import { seedNetSuiteItem } from '../../engine/erp/erp-fixture.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { LevelLedger, at, clockAt, seedItem, seedLocation } from './audit-fixture.js';

const settings = { adjustmentAccountId: '154', postSales: false };

/*
 * By hand: the warehouse holds kettle 40 and mug 100 from midnight; counted at 09:30 in
 * Brisbane on 2 March (23:30Z on 1 March): kettle 38 (−2), mug 103 (+3). The adjustment is
 * dated 2026-03-02, the count's day at the warehouse, with adjustQtyBy −2 and +3.
 */
describe(`warehouse corrections queued for NetSuite on ${testEngine}`, () => {
  let database: TestDatabase;
  let storage: Storage;

  beforeEach(async () => {
    database = await openTestDatabase();
    storage = database.storage;
    await seedLocation(storage, {
      handle: 'dc',
      kind: 'warehouse',
      managed: false,
      netsuiteId: '12',
      timeZone: 'Australia/Brisbane',
    });
    await seedItem(storage, { id: 'kettle', sku: 'KETTLE' });
    await seedItem(storage, { id: 'mug', sku: 'MUG' });
    await seedNetSuiteItem(storage, '42', 'kettle');
    await LevelLedger.open(storage, 'kettle', 'dc', 40, at(0));
    await LevelLedger.open(storage, 'mug', 'dc', 100, at(0));
  });
  afterEach(async () => {
    await database.close();
  });

  async function countBoth(): Promise<void> {
    await importCounts(
      storage,
      [
        'location,sku,counted_quantity,counted_at',
        'dc,KETTLE,38,2026-03-02T09:30:00+10:00',
        'dc,MUG,103,2026-03-02T09:30:00+10:00',
      ],
      { clock: clockAt(at(24)) },
    );
  }

  const posts = () => erpDb(storage).selectFrom('erp_posts').selectAll().execute();

  it('records one inventory adjustment per count at a warehouse, once', async () => {
    await seedNetSuiteItem(storage, '43', 'mug');
    await countBoth();
    const erp = new NetSuiteCorrectionSink(storage, settings, clockAt(at(25)));

    const result = await applyCorrections(storage, { clock: clockAt(at(25)), erp });

    expect(result.outcomes.map((o) => [o.locationHandle, o.target, o.status])).toEqual([
      ['dc', 'erp', 'applied'],
    ]);
    const [post, ...more] = await posts();
    expect(more).toEqual([]);
    expect(post?.external_id).toBe(`trueshelf-count-${result.outcomes[0]!.correctionIds[0]}`);
    expect(JSON.parse(post!.request)).toMatchObject({
      accountId: '154',
      locationId: '12',
      tranDate: '2026-03-02',
      lines: [
        { itemId: '42', locationId: '12', adjustQtyBy: -2 },
        { itemId: '43', locationId: '12', adjustQtyBy: 3 },
      ],
    });

    const again = await applyCorrections(storage, { clock: clockAt(at(26)), erp });
    expect(again.outcomes).toEqual([]);
    expect(await posts()).toHaveLength(1);
  });

  it('refuses the whole count, recording nothing, when an item is not matched to NetSuite', async () => {
    await countBoth();
    const erp = new NetSuiteCorrectionSink(storage, settings, clockAt(at(25)));

    const result = await applyCorrections(storage, { clock: clockAt(at(25)), erp });

    expect(result.ok).toBe(false);
    expect(result.outcomes[0]).toMatchObject({ status: 'failed', appliedChanges: 0 });
    expect(result.outcomes[0]!.detail).toContain('MUG');
    expect(await posts()).toEqual([]);
  });
});
