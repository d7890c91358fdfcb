import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCorrections } from '../../../src/reports/audit/apply-corrections.js';
import { auditDb } from '../../../src/reports/audit/audit-db.js';
import { InMemoryErpCorrectionSink } from '../../../src/reports/audit/in-memory-erp-correction-sink.js';
import { planCorrections } from '../../../src/reports/audit/plan-corrections.js';
import { importCounts } from '../../../src/sources/counts/import-counts.js';
import type { Storage } from '../../../src/storage/storage.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { LevelLedger, at, clockAt, seedItem, seedLocation } from './audit-fixture.js';
import { FakeShopifyAdmin } from './fake-shopify-admin.js';
import { shopifyTestClient } from './shopify-test-client.js';

const NORTH = '7001';
const EAST = '7002';
const KETTLE = '9001';
const MUG = '9002';

describe(`count corrections on ${testEngine}`, () => {
  let database: TestDatabase;
  let storage: Storage;
  let shopify: FakeShopifyAdmin;
  let origin: string;

  beforeEach(async () => {
    database = await openTestDatabase();
    storage = database.storage;
    shopify = new FakeShopifyAdmin();
    origin = await shopify.start();

    await seedLocation(storage, { handle: 'north', shopifyLocationId: NORTH });
    await seedLocation(storage, { handle: 'east', shopifyLocationId: EAST });
    await seedLocation(storage, {
      handle: 'dc',
      kind: 'warehouse',
      managed: false,
      netsuiteId: '12',
      timeZone: 'Australia/Brisbane',
    });
    await seedItem(storage, {
      id: 'kettle',
      sku: 'KETTLE',
      shopifyInventoryItemId: KETTLE,
      costCents: 2000,
    });
    await seedItem(storage, { id: 'mug', sku: 'MUG', shopifyInventoryItemId: MUG, costCents: 300 });
  });

  afterEach(async () => {
    await shopify.stop();
    await database.close();
  });

  /** North: kettle 10 and mug 20 at the count (10:00); 2 kettles sold at 11:00, after it. */
  async function northCounted(): Promise<LevelLedger> {
    const kettle = await LevelLedger.open(storage, 'kettle', 'north', 10, at(0));
    await LevelLedger.open(storage, 'mug', 'north', 20, at(0));
    await kettle.posSale(2, at(11));
    const imported = await importCounts(
      storage,
      [
        'location,sku,counted_quantity,counted_at',
        'north,KETTLE,7,2026-03-01T10:00:00Z',
        'north,MUG,21,2026-03-01T10:00:00Z',
      ],
      { clock: clockAt(at(12)) },
    );
    expect(imported.ok).toBe(true);
    return kettle;
  }

  it('plans each correction as the variance on the level as it stands, without calling Shopify', async () => {
    await northCounted();

    const plan = await planCorrections(storage, { clock: clockAt(at(12)) });

    expect(plan.groups).toHaveLength(1);
    const [group] = plan.groups;
    expect(group).toMatchObject({
      locationHandle: 'north',
      target: 'shopify',
      blocked: null,
      netDelta: -3 + 1,
    });
    // Kettle: 7 counted − 10 at the count = −3, on the 8 left after the sale: 5.
    // Mug: 21 − 20 = +1, on 20: 21.
    expect(
      group!.changes.map((c) => [c.itemId, c.variance, c.delta, c.availableNow, c.availableAfter]),
    ).toEqual([
      ['kettle', -3, -3, 8, 5],
      ['mug', 1, 1, 20, 21],
    ]);
    expect(shopify.readCalls + shopify.adjustCalls.length).toBe(0);
  });

  it('applies a count in one mutation from the fresh available, keeping sales made after the count', async () => {
    await northCounted();
    // Shopify has sold one more kettle that the mirror has not heard of yet: 7, not 8.
    shopify.setLevel(KETTLE, NORTH, 7);
    shopify.setLevel(MUG, NORTH, 20);

    const result = await applyCorrections(storage, {
      clock: clockAt(at(13)),
      shopify: shopifyTestClient(origin, clockAt(at(13))),
    });

    expect(result.ok).toBe(true);
    expect(result.outcomes.map((o) => [o.locationHandle, o.status, o.appliedChanges])).toEqual([
      ['north', 'applied', 2],
    ]);
    expect(shopify.adjustCalls).toHaveLength(1);
    const [call] = shopify.adjustCalls;
    expect(call!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(call!.input).toMatchObject({ name: 'available', reason: 'cycle_count_available' });
    expect(call!.input.changes).toEqual([
      {
        inventoryItemId: `gid://shopify/InventoryItem/${KETTLE}`,
        locationId: `gid://shopify/Location/${NORTH}`,
        delta: -3,
        changeFromQuantity: 7,
      },
      {
        inventoryItemId: `gid://shopify/InventoryItem/${MUG}`,
        locationId: `gid://shopify/Location/${NORTH}`,
        delta: 1,
        changeFromQuantity: 20,
      },
    ]);
    // 7 − 3 = 4 kettles and 20 + 1 = 21 mugs in Shopify: the three sales since the count stand.
    expect(shopify.level(KETTLE, NORTH)).toEqual({ available: 4, onHand: 4 });
    expect(shopify.level(MUG, NORTH)).toEqual({ available: 21, onHand: 21 });

    // The mirror takes the same deltas (8 − 3, 20 + 1), recorded as count corrections, and
    // queues a re-read that will bring the sale it missed.
    const levels = await storage.db
      .selectFrom('levels')
      .select(['item_id', 'available', 'on_hand', 'in_flight_push'])
      .where('location_handle', '=', 'north')
      .orderBy('item_id')
      .execute();
    expect(levels).toEqual([
      { item_id: 'kettle', available: 5, on_hand: 5, in_flight_push: null },
      { item_id: 'mug', available: 21, on_hand: 21, in_flight_push: null },
    ]);
    const corrections = await storage.db
      .selectFrom('movements')
      .select(['item_id', 'state', 'delta'])
      .where('cause_kind', '=', 'count_correction')
      .orderBy('item_id')
      .orderBy('state')
      .execute();
    expect(corrections).toEqual([
      { item_id: 'kettle', state: 'available', delta: -3 },
      { item_id: 'kettle', state: 'on_hand', delta: -3 },
      { item_id: 'mug', state: 'available', delta: 1 },
      { item_id: 'mug', state: 'on_hand', delta: 1 },
    ]);
    const queued = await storage.db
      .selectFrom('read_queue')
      .select(['shopify_item_id', 'shopify_location_id'])
      .orderBy('shopify_item_id')
      .execute();
    expect(queued).toEqual([
      { shopify_item_id: KETTLE, shopify_location_id: NORTH },
      { shopify_item_id: MUG, shopify_location_id: NORTH },
    ]);

    // Nothing is left to correct, so a second apply sends nothing.
    const again = await applyCorrections(storage, {
      clock: clockAt(at(14)),
      shopify: shopifyTestClient(origin, clockAt(at(14))),
    });
    expect(again.plan.groups).toEqual([]);
    expect(shopify.adjustCalls).toHaveLength(1);
  });

  it('rereads and retries under a new key when a sale slips in before the mutation', async () => {
    await northCounted();
    shopify.setLevel(KETTLE, NORTH, 8);
    shopify.setLevel(MUG, NORTH, 20);
    shopify.beforeNextAdjust = () => shopify.sell(KETTLE, NORTH, 1);

    const result = await applyCorrections(storage, {
      clock: clockAt(at(13)),
      shopify: shopifyTestClient(origin, clockAt(at(13))),
    });

    expect(result.ok).toBe(true);
    expect(
      shopify.adjustCalls.map((c) => [c.outcome, c.input.changes[0]!.changeFromQuantity]),
    ).toEqual([
      ['stale', 8],
      ['applied', 7],
    ]);
    expect(shopify.adjustCalls[0]!.key).not.toBe(shopify.adjustCalls[1]!.key);
    // 8 − 1 sold during the apply − 3 = 4.
    expect(shopify.level(KETTLE, NORTH)).toEqual({ available: 4, onHand: 4 });
  });

  it('stops at the first count that fails and applies nothing of it or of later counts', async () => {
    await northCounted();
    await LevelLedger.open(storage, 'kettle', 'east', 6, at(0));
    await importCounts(
      storage,
      ['location,sku,counted_quantity,counted_at', 'east,KETTLE,4,2026-03-01T10:30:00Z'],
      { clock: clockAt(at(12.5)) },
    );
    shopify.setLevel(KETTLE, NORTH, 8);
    shopify.setLevel(MUG, NORTH, 20);
    shopify.setLevel(KETTLE, EAST, 6);
    // North's import came first, so north goes first and is refused.
    shopify.refuseNextAdjust = { code: 'INVALID_REASON', message: 'refused for the test' };

    const result = await applyCorrections(storage, {
      clock: clockAt(at(13)),
      shopify: shopifyTestClient(origin, clockAt(at(13))),
    });

    expect(result.ok).toBe(false);
    expect(result.outcomes.map((o) => [o.locationHandle, o.status, o.appliedChanges])).toEqual([
      ['north', 'rejected', 0],
      ['east', 'not_attempted', 0],
    ]);
    expect(shopify.adjustCalls.map((c) => c.outcome)).toEqual(['refused']);
    expect(shopify.level(KETTLE, NORTH)).toEqual({ available: 8, onHand: 8 });
    expect(shopify.level(KETTLE, EAST)).toEqual({ available: 6, onHand: 6 });
    const marked = await storage.db
      .selectFrom('levels')
      .select('in_flight_push')
      .where('in_flight_push', 'is not', null)
      .execute();
    expect(marked).toEqual([]);
    const mirrorKettle = await storage.db
      .selectFrom('levels')
      .select('available')
      .where('item_id', '=', 'kettle')
      .where('location_handle', '=', 'north')
      .executeTakeFirstOrThrow();
    expect(mirrorKettle.available).toBe(8);
  });

  it('hands a warehouse correction to the ERP sink and leaves the mirror to the ERP', async () => {
    await LevelLedger.open(storage, 'kettle', 'dc', 40, at(0));
    await LevelLedger.open(storage, 'mug', 'dc', 100, at(0));
    // 23:30 UTC on 1 March is 09:30 on 2 March in Brisbane: the ERP books it on the 2nd.
    await importCounts(
      storage,
      [
        'location,sku,counted_quantity,counted_at',
        'dc,KETTLE,38,2026-03-02T09:30:00+10:00',
        'dc,MUG,100,2026-03-02T09:30:00+10:00',
      ],
      { clock: clockAt(at(24)) },
    );
    const erp = new InMemoryErpCorrectionSink();

    const result = await applyCorrections(storage, { clock: clockAt(at(25)), erp });

    expect(result.outcomes.map((o) => [o.locationHandle, o.target, o.status])).toEqual([
      ['dc', 'erp', 'applied'],
    ]);
    expect(erp.posted).toHaveLength(1);
    expect(erp.posted[0]).toMatchObject({
      locationHandle: 'dc',
      netsuiteLocationId: '12',
      tranDate: '2026-03-02',
      lines: [{ itemId: 'kettle', sku: 'KETTLE', delta: -2 }],
    });
    const level = await storage.db
      .selectFrom('levels')
      .select('on_hand')
      .where('item_id', '=', 'kettle')
      .where('location_handle', '=', 'dc')
      .executeTakeFirstOrThrow();
    expect(level.on_hand).toBe(40);
    expect(shopify.readCalls + shopify.adjustCalls.length).toBe(0);
  });

  it('reports an ERP refusal and books nothing', async () => {
    await LevelLedger.open(storage, 'kettle', 'dc', 40, at(0));
    await importCounts(
      storage,
      ['location,sku,counted_quantity,counted_at', 'dc,KETTLE,38,2026-03-01T10:00:00Z'],
      { clock: clockAt(at(12)) },
    );
    const erp = new InMemoryErpCorrectionSink();
    erp.failNextPost(new Error('period closed'));

    const result = await applyCorrections(storage, { clock: clockAt(at(13)), erp });

    expect(result.ok).toBe(false);
    expect(result.outcomes[0]).toMatchObject({ status: 'failed', appliedChanges: 0 });
    expect(result.outcomes[0]!.detail).toContain('period closed');
    expect(erp.posted).toEqual([]);
    // Nothing was booked, so the next plan still holds the whole correction.
    const plan = await planCorrections(storage, { clock: clockAt(at(14)) });
    expect(plan.groups[0]!.changes.map((c) => c.delta)).toEqual([-2]);
  });

  it('plans only the remainder when a corrected count is reopened by a late sale', async () => {
    const kettle = await northCounted();
    shopify.setLevel(KETTLE, NORTH, 8);
    shopify.setLevel(MUG, NORTH, 20);
    await applyCorrections(storage, {
      clock: clockAt(at(13)),
      shopify: shopifyTestClient(origin, clockAt(at(13))),
    });

    // A kettle sold at 09:30, before the count, reaches us at 14:00: the books held 9 at the
    // count, not 10, so the variance is 7 − 9 = −2, of which −3 was applied: +1 remains.
    await kettle.posSale(1, at(9.5), at(14));
    const plan = await planCorrections(storage, { clock: clockAt(at(15)) });

    expect(plan.reopenedNow).toBe(1);
    expect(
      plan.groups[0]!.changes.map((c) => [
        c.itemId,
        c.systemAtCount,
        c.variance,
        c.alreadyApplied,
        c.delta,
        c.warnings,
      ]),
    ).toEqual([['kettle', 9, -2, -3, 1, ['reopened']]]);
  });

  it('sends nothing at all when a later count cannot be applied (an item not linked to Shopify)', async () => {
    await northCounted();
    await seedItem(storage, { id: 'teapot', sku: 'TEAPOT', shopifyInventoryItemId: null });
    await LevelLedger.open(storage, 'teapot', 'east', 3, at(0));
    await importCounts(
      storage,
      ['location,sku,counted_quantity,counted_at', 'east,TEAPOT,2,2026-03-01T10:30:00Z'],
      { clock: clockAt(at(12.5)) },
    );
    shopify.setLevel(KETTLE, NORTH, 8);
    shopify.setLevel(MUG, NORTH, 20);

    const result = await applyCorrections(storage, {
      clock: clockAt(at(13)),
      shopify: shopifyTestClient(origin, clockAt(at(13))),
    });

    // North alone could go, but east's teapot has no Shopify id: north is not sent either.
    expect(result.ok).toBe(false);
    expect(result.outcomes.map((o) => [o.locationHandle, o.status, o.appliedChanges])).toEqual([
      ['north', 'not_attempted', 0],
      ['east', 'blocked', 0],
    ]);
    expect(shopify.readCalls + shopify.adjustCalls.length).toBe(0);
    expect(shopify.level(KETTLE, NORTH)).toEqual({ available: 8, onHand: 8 });
  });

  it('skips a store in shadow mode and carries on with the others', async () => {
    await auditDb(storage)
      .updateTable('locations')
      .set({ mode: 'shadow' })
      .where('handle', '=', 'north')
      .execute();
    await northCounted();
    await LevelLedger.open(storage, 'kettle', 'dc', 40, at(0));
    await importCounts(
      storage,
      ['location,sku,counted_quantity,counted_at', 'dc,KETTLE,41,2026-03-01T10:00:00Z'],
      { clock: clockAt(at(12.5)) },
    );
    const erp = new InMemoryErpCorrectionSink();

    const result = await applyCorrections(storage, {
      clock: clockAt(at(13)),
      shopify: shopifyTestClient(origin, clockAt(at(13))),
      erp,
    });

    expect(result.ok).toBe(true);
    expect(result.outcomes.map((o) => [o.locationHandle, o.status])).toEqual([
      ['north', 'skipped_shadow_mode'],
      ['dc', 'applied'],
    ]);
    expect(shopify.adjustCalls).toEqual([]);
  });
});
