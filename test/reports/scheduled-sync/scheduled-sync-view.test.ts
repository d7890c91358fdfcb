import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNetSuiteClient } from '../../../src/sources/netsuite/netsuite-client.js';
import { NetSuitePoller } from '../../../src/engine/erp/netsuite-poller.js';
import {
  renderScheduledSyncCsv,
  renderScheduledSyncHtml,
} from '../../../src/reports/scheduled-sync/render-scheduled-sync.js';
import { buildScheduledSyncView } from '../../../src/reports/scheduled-sync/scheduled-sync-view.js';
import { startNetSuiteSandbox } from '../../../src/sandbox/netsuite/start-netsuite-sandbox.js';
import type { NetSuiteSandbox } from '../../../src/sandbox/netsuite/start-netsuite-sandbox.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { startSpine } from '../../support/spine-harness.js';
import type { Spine } from '../../support/spine-harness.js';
import { testEngine } from '../../support/test-storage.js';

const ACCOUNT_ID = '1234567_SB1';
const tba = {
  consumerKey: 'sync-consumer-key',
  consumerSecret: 'sync-consumer-secret',
  tokenId: 'sync-token-id',
  tokenSecret: 'sync-token-secret',
};

/*
 * By hand: downtown holds TEE-A 10 and TEE-B 4, in Shopify and in NetSuite; trueshelf keeps a
 * buffer of 2, so it sells 8 and 2. The connector pushes at 09:00 (A 10, B 4), then three
 * TEE-A are sold at the till. trueshelf sees it at once: gross 7, sellable 5.
 *   09:30: the connector has imported the sale (NetSuite on hand 7) but its next push is due
 *     at 10:00, so Shopify would still say 10: A stale 10 − 7 = 3, promised beyond sellable
 *     10 − 5 = 5; B stale 0, beyond sellable 4 − 2 = 2.
 *   10:01: the push has run: A 7, stale 0, beyond sellable 2; B unchanged.
 */
describe(`the scheduled-sync view beside trueshelf on ${testEngine}`, () => {
  let spine: Spine;
  let netsuite: NetSuiteSandbox;
  const erpClock = new ManualClock('2026-05-04T09:00:00.000Z');

  beforeEach(async () => {
    spine = await startSpine({ stock: { downtown: { 'TEE-A': 10, 'TEE-B': 4 } }, bufferUnits: 2 });
    netsuite = await startNetSuiteSandbox({
      accountId: ACCOUNT_ID,
      tba,
      clock: erpClock.now,
      connector: { orderImportDelaySeconds: 1200, stockPushIntervalSeconds: 3600 },
    });
    netsuite.store.setItem({ id: '10', itemid: 'TEE-A' });
    netsuite.store.setItem({ id: '20', itemid: 'TEE-B' });
    netsuite.store.setItemLocation({ item: '10', location: '7', onHand: 10 });
    netsuite.store.setItemLocation({ item: '20', location: '7', onHand: 4 });
    await spine.database.storage.db
      .updateTable('locations')
      .set({ netsuite_id: '7' })
      .where('handle', '=', 'downtown')
      .execute();
    // trueshelf's poller matches NetSuite's items to its own by SKU.
    await new NetSuitePoller({
      storage: spine.database.storage,
      client: createNetSuiteClient({
        accountId: ACCOUNT_ID,
        baseUrl: netsuite.url,
        auth: { scheme: 'tba', credentials: tba },
        clock: erpClock.now,
      }),
      clock: erpClock.now,
    }).runOnce();

    netsuite.store.runConnector();
    const sale = spine.sandbox.store.posSale({
      location: spine.locationIds['downtown'] ?? '',
      lines: [{ sku: 'TEE-A', quantity: 3 }],
    });
    netsuite.store.addShopifyOrder({
      externalId: sale.order.id,
      placedAt: erpClock.now(),
      channel: 'pos',
      lines: [{ item: '10', location: '7', quantity: 3 }],
    });
    await spine.settle();
  });

  afterEach(async () => {
    await netsuite.close();
    await spine.close();
  });

  const view = async () => {
    const push = netsuite.store.connector.stockPush.lastPush();
    if (push === undefined) throw new Error('the connector has not pushed');
    return buildScheduledSyncView(
      spine.database.storage,
      {
        pushedAt: push.pushedAt,
        levels: push.levels.map((level) => ({
          netsuiteItemId: level.item,
          netsuiteLocationId: level.location,
          available: level.available,
        })),
      },
      erpClock.now(),
    );
  };

  const figures = (lines: Awaited<ReturnType<typeof view>>['lines']) =>
    lines.map((line) => [
      line.sku,
      line.scheduledAvailable,
      line.liveGross,
      line.liveSellable,
      line.staleUnits,
      line.overPromisedUnits,
    ]);

  it('shows the scheduled figure behind the shelf until the next push', async () => {
    erpClock.advance(30 * 60_000);
    netsuite.store.runConnector();

    const before = await view();

    expect(netsuite.store.itemLocation('10', '7')?.onHand).toBe(7);
    expect(before.pushedAt).toBe('2026-05-04T09:00:00.000Z');
    expect(before.pushAgeSeconds).toBe(1800);
    expect(figures(before.lines)).toEqual([
      ['TEE-A', 10, 7, 5, 3, 5],
      ['TEE-B', 4, 4, 2, 0, 2],
    ]);
    expect(before.totals).toEqual({
      levels: 2,
      levelsStale: 1,
      staleUnits: 3,
      overPromisedUnits: 7,
    });

    erpClock.advance(31 * 60_000);
    netsuite.store.runConnector();
    const after = await view();

    expect(after.pushedAt).toBe('2026-05-04T10:01:00.000Z');
    expect(figures(after.lines)).toEqual([
      ['TEE-A', 7, 7, 5, 0, 2],
      ['TEE-B', 4, 4, 2, 0, 2],
    ]);
  });

  it('renders the view as a page with a chart, and as CSV', async () => {
    erpClock.advance(30 * 60_000);
    netsuite.store.runConnector();
    const current = await view();

    const html = renderScheduledSyncHtml(current);
    expect(html).toContain('<svg');
    expect(html).toContain('(30 min ago)');
    expect(html).toContain('<b>7</b> units promised beyond sellable');
    expect(renderScheduledSyncCsv(current).split('\r\n')).toEqual([
      'location,item_id,sku,scheduled_available,live_gross,live_sellable,stale_units,over_promised_units',
      `downtown,${current.lines[0]?.itemId},TEE-A,10,7,5,3,5`,
      `downtown,${current.lines[1]?.itemId},TEE-B,4,4,2,0,2`,
      '',
    ]);
  });
});
