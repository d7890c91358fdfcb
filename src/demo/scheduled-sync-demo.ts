import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocationSettings } from '../config/config-schema.js';
import {
  buildScheduledSyncView,
  type ScheduledSyncView,
} from '../reports/scheduled-sync/scheduled-sync-view.js';
import {
  renderScheduledSyncCsv,
  renderScheduledSyncHtml,
  renderScheduledSyncJson,
} from '../reports/scheduled-sync/render-scheduled-sync.js';
import { startNetSuiteSandbox } from '../sandbox/netsuite/start-netsuite-sandbox.js';
import type { NetSuiteSandbox } from '../sandbox/netsuite/start-netsuite-sandbox.js';
import type { SandboxStore } from '../sandbox/shopify/commerce/sandbox-store.js';
import type { Storage } from '../storage/storage.js';
import type { DemoCatalogue } from './demo-catalogue.js';
import type { ShopEvent } from './sales-driver.js';
import type { SeededChain } from './seed-sandbox-chain.js';

export interface ScheduledSyncDemoOptions {
  readonly catalogue: DemoCatalogue;
  readonly chain: SeededChain;
  readonly shop: SandboxStore;
  /** Real seconds one simulated day lasts: the connector's cycles are scaled by it. */
  readonly daySeconds: number;
}

export interface ScheduledSyncDemo {
  readonly sandbox: NetSuiteSandbox;
  /** The chain's locations with their NetSuite ids, for trueshelf's registry. */
  readonly locations: LocationSettings[];
  /** `netsuite.*` settings that point trueshelf at the sandbox (shadow: it posts nothing). */
  readonly settings: Record<string, unknown>;
  /** Mirrors a shop event into NetSuite the way the shop's connector would. */
  onEvent(event: ShopEvent): void;
  /** Writes the view as HTML, CSV and JSON into `dir`; returns the HTML path. */
  writeView(storage: Storage, dir: string): Promise<{ path: string; view: ScheduledSyncView }>;
  /** Writes the view every simulated hour, keeping the worst seen until `takePeak`. */
  startSampling(storage: Storage, dir: string): void;
  /** The worst sample since the last call (the day's), and a fresh start. */
  takePeak(): SyncPeak;
  close(): Promise<void>;
}

export interface SyncPeak {
  readonly samples: number;
  readonly levelsStale: number;
  readonly staleUnits: number;
  readonly overPromisedUnits: number;
}

const ACCOUNT_ID = '1234567_SB1';
/** NetSuite Connector's cycles (research/erp-and-data.md A5), in simulated minutes. */
const ORDER_IMPORT_MINUTES = 20;
const FULFILMENT_IMPORT_MINUTES = 90;
const STOCK_PUSH_MINUTES = 60;
const CYCLE_MINUTES = 5;

/**
 * The classic scheduled sync, for the demo: a loopback NetSuite holding the chain's stock,
 * whose simulated connector imports the shop's orders late and pushes absolute stock on a
 * schedule. Its last push is set beside trueshelf's live figures in a report.
 */
export async function startScheduledSyncDemo(
  options: ScheduledSyncDemoOptions,
): Promise<ScheduledSyncDemo> {
  const { catalogue, chain, shop } = options;
  const simulatedSeconds = (minutes: number) => (minutes * 60 * options.daySeconds) / 86_400;
  const tba = {
    consumerKey: randomBytes(8).toString('hex'),
    consumerSecret: randomBytes(16).toString('hex'),
    tokenId: randomBytes(8).toString('hex'),
    tokenSecret: randomBytes(16).toString('hex'),
  };
  const sandbox = await startNetSuiteSandbox({
    accountId: ACCOUNT_ID,
    tba,
    connector: {
      orderImportDelaySeconds: simulatedSeconds(ORDER_IMPORT_MINUTES),
      fulfilmentImportDelaySeconds: simulatedSeconds(FULFILMENT_IMPORT_MINUTES),
      stockPushIntervalSeconds: simulatedSeconds(STOCK_PUSH_MINUTES),
      cycleIntervalMs: Math.max(20, simulatedSeconds(CYCLE_MINUTES) * 1000),
    },
  });

  // NetSuite internal ids: 1 the warehouse, 2.. the stores; items 1001.. in catalogue order.
  const netsuiteLocation = new Map<string, string>([[chain.warehouseId, '1']]);
  catalogue.stores.forEach((store, index) => {
    netsuiteLocation.set(chain.locationIds.get(store.name) ?? '', String(index + 2));
  });
  const netsuiteItem = new Map<string, string>();
  catalogue.items.forEach((item, index) => {
    const id = String(1001 + index);
    netsuiteItem.set(item.sku, id);
    sandbox.store.setItem({ id, itemid: item.sku });
  });
  // The books start where the shop does: on hand per item and location.
  for (const level of shop.levels()) {
    const location = netsuiteLocation.get(level.locationId);
    const sku = [...chain.itemIds].find(([, id]) => id === level.inventoryItemId)?.[0];
    const item = sku === undefined ? undefined : netsuiteItem.get(sku);
    if (location === undefined || item === undefined) continue;
    sandbox.store.setItemLocation({ item, location, onHand: level.quantities.on_hand });
  }
  sandbox.store.connector.stockPush.pushNow();

  const byShopifyLocation = (locationId: string | undefined) =>
    locationId === undefined ? undefined : netsuiteLocation.get(locationId);
  const lineOf = (storeName: string, sku: string) => ({
    item: netsuiteItem.get(sku) ?? '',
    location: byShopifyLocation(chain.locationIds.get(storeName)) ?? '',
    quantity: 1,
  });

  const note =
    `Demo time: one simulated day lasts ${options.daySeconds} s, so the connector imports an ` +
    `order ${ORDER_IMPORT_MINUTES} simulated minutes after it and pushes stock every ` +
    `${STOCK_PUSH_MINUTES} simulated minutes (${simulatedSeconds(STOCK_PUSH_MINUTES).toFixed(2)} s).`;
  const writeView = async (storage: Storage, dir: string) => {
    const push = sandbox.store.connector.stockPush.lastPush();
    const view = await buildScheduledSyncView(
      storage,
      {
        pushedAt: push?.pushedAt ?? new Date(),
        levels: (push?.levels ?? []).map((level) => ({
          netsuiteItemId: level.item,
          netsuiteLocationId: level.location,
          available: level.available,
        })),
      },
      new Date(),
    );
    const path = join(dir, 'scheduled-sync.html');
    writeFileSync(path, renderScheduledSyncHtml(view, { note }));
    writeFileSync(join(dir, 'scheduled-sync.csv'), renderScheduledSyncCsv(view));
    writeFileSync(join(dir, 'scheduled-sync.json'), renderScheduledSyncJson(view));
    return { path, view };
  };
  const empty: SyncPeak = { samples: 0, levelsStale: 0, staleUnits: 0, overPromisedUnits: 0 };
  let peak = empty;
  let timer: NodeJS.Timeout | undefined;
  let sampling: Promise<unknown> = Promise.resolve();
  let busy = false;

  return {
    sandbox,
    locations: chain.locations.map((location) => {
      const netsuiteId = byShopifyLocation(location.shopifyLocationId);
      return netsuiteId === undefined ? location : { ...location, netsuiteId };
    }),
    settings: {
      'netsuite.accountId': ACCOUNT_ID,
      'netsuite.baseUrl': sandbox.url,
      'netsuite.authScheme': 'tba',
      ...Object.fromEntries(Object.entries(tba).map(([key, value]) => [`netsuite.${key}`, value])),
      'netsuite.mode': 'shadow',
      'netsuite.pollIntervalSeconds': Math.max(0.5, simulatedSeconds(CYCLE_MINUTES)),
      'netsuite.connectorOrderDelaySeconds': Math.ceil(simulatedSeconds(ORDER_IMPORT_MINUTES)),
    },
    onEvent: (event) => {
      const now = new Date();
      if (event.kind === 'pos_sale' || event.kind === 'online_order') {
        sandbox.store.addShopifyOrder({
          externalId: event.orderId,
          placedAt: now,
          channel: event.kind === 'pos_sale' ? 'pos' : 'online',
          lines: [lineOf(event.storeName, event.sku)],
        });
      } else if (event.kind === 'fulfilment') {
        sandbox.store.connector.fulfilInShopify(event.orderId, now, event.fulfilmentId);
      } else if (event.kind === 'restock') {
        // A delivery is received in NetSuite at once (an item receipt), not through the connector.
        const { item, location } = lineOf(event.storeName, event.sku);
        sandbox.store.changeQuantities(item, location, event.units);
      }
    },
    writeView,
    startSampling: (storage, dir) => {
      if (timer !== undefined) return;
      timer = setInterval(
        () => {
          // One sample at a time: while a write is under way the next tick is skipped.
          if (busy) return;
          busy = true;
          sampling = writeView(storage, dir)
            .then(({ view }) => {
              peak = {
                samples: peak.samples + 1,
                levelsStale: Math.max(peak.levelsStale, view.totals.levelsStale),
                staleUnits: Math.max(peak.staleUnits, view.totals.staleUnits),
                overPromisedUnits: Math.max(peak.overPromisedUnits, view.totals.overPromisedUnits),
              };
            })
            .catch(() => undefined)
            .finally(() => {
              busy = false;
            });
        },
        Math.max(100, simulatedSeconds(60) * 1000),
      );
      timer.unref();
    },
    takePeak: () => {
      const taken = peak;
      peak = empty;
      return taken;
    },
    close: async () => {
      if (timer !== undefined) clearInterval(timer);
      await sampling;
      await sandbox.close();
    },
  };
}
