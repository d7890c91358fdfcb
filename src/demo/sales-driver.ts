import type { SandboxStore } from '../sandbox/shopify/commerce/sandbox-store.js';
import type { DemoCatalogue } from './demo-catalogue.js';
import { mulberry32, salesKey } from './demo-catalogue.js';
import type { SeededChain } from './seed-sandbox-chain.js';

export interface DayReport {
  day: string;
  posSales: number;
  onlineOrders: number;
  refusedOnline: number;
  posBelowZero: number;
  restocked: number;
}

/** What the driver did in the shop, for a listener that mirrors it elsewhere (the ERP). */
export type ShopEvent =
  | { kind: 'pos_sale' | 'online_order'; orderId: string; storeName: string; sku: string }
  | { kind: 'fulfilment'; orderId: string; fulfilmentId: string }
  | { kind: 'restock'; storeName: string; sku: string; units: number };

export interface SalesDriverOptions {
  store: SandboxStore;
  catalogue: DemoCatalogue;
  chain: SeededChain;
  seed: number;
  /** Real milliseconds one simulated day lasts (the accelerated clock). */
  dayMs: number;
  onlineShare: number;
  onDay: (report: DayReport) => void;
  onEvent?: (event: ShopEvent) => void;
  signal: AbortSignal;
}

/**
 * Plays each day's unit sales on the sandbox shop: walk-in POS sales and online pickup orders
 * spread over the day, pickups fulfilled later, and shelves refilled overnight to an
 * order-up-to level. trueshelf sees only what Shopify would send it.
 */
export async function driveSales(options: SalesDriverOptions): Promise<void> {
  const random = mulberry32(options.seed);
  const { store, catalogue, chain } = options;

  for (const [dayIndex, day] of catalogue.days.entries()) {
    const events: { at: number; storeName: string; sku: string }[] = [];
    for (const demoStore of catalogue.stores) {
      for (const item of catalogue.items) {
        const units = catalogue.sales.get(salesKey(demoStore.name, item.sku))?.[dayIndex] ?? 0;
        for (let u = 0; u < units; u += 1)
          events.push({ at: random() * options.dayMs, storeName: demoStore.name, sku: item.sku });
      }
    }
    events.sort((a, b) => a.at - b.at);

    const report: DayReport = {
      day,
      posSales: 0,
      onlineOrders: 0,
      refusedOnline: 0,
      posBelowZero: 0,
      restocked: 0,
    };
    const pickups: string[] = [];
    const started = Date.now();

    for (const event of events) {
      if (options.signal.aborted) return;
      const wait = started + event.at - Date.now();
      if (wait > 0) await sleep(wait, options.signal);
      const location = chain.locationIds.get(event.storeName) ?? '';

      if (random() < options.onlineShare) {
        const placed = store.onlineOrder({
          lines: [{ sku: event.sku, quantity: 1 }],
          delivery: 'pickup',
          pickupLocation: location,
        });
        if (placed.ok) {
          report.onlineOrders += 1;
          pickups.push(placed.order.id);
          const { storeName, sku } = event;
          options.onEvent?.({ kind: 'online_order', orderId: placed.order.id, storeName, sku });
        } else report.refusedOnline += 1;
      } else {
        const sale = store.posSale({ location, lines: [{ sku: event.sku, quantity: 1 }] });
        report.posSales += 1;
        if (sale.warnings.length > 0) report.posBelowZero += 1;
        const { storeName, sku } = event;
        options.onEvent?.({ kind: 'pos_sale', orderId: sale.order.id, storeName, sku });
      }

      // Pickups are collected a little later: the handover is a fulfilment at the store.
      if (pickups.length > 5) fulfil(options, pickups.shift() ?? '');
    }
    for (const orderId of pickups) fulfil(options, orderId);

    report.restocked = restock(options);
    options.onDay(report);
    const rest = started + options.dayMs - Date.now();
    if (rest > 0) await sleep(rest, options.signal);
  }
}

function fulfil(options: SalesDriverOptions, orderId: string): void {
  const { fulfillments } = options.store.fulfill(orderId);
  for (const fulfilment of fulfillments)
    options.onEvent?.({ kind: 'fulfilment', orderId, fulfilmentId: fulfilment.id });
}

/** Overnight delivery: each store level below half its order-up-to is refilled to it. */
function restock(options: SalesDriverOptions): number {
  let units = 0;
  for (const [key, target] of options.chain.orderUpTo) {
    const [storeName = '', sku = ''] = key.split('|');
    const itemId = options.chain.itemIds.get(sku);
    const locationId = options.chain.locationIds.get(storeName);
    if (!itemId || !locationId) continue;
    const level = options.store.level(itemId, locationId);
    if (!level) continue;
    const shelf =
      level.quantities.available + level.quantities.safety_stock + level.quantities.reserved;
    if (shelf * 2 >= target) continue;
    options.store.setQuantity({
      inventoryItemId: itemId,
      locationId,
      name: 'available',
      quantity: level.quantities.available + (target - shelf),
    });
    units += target - shelf;
    options.onEvent?.({ kind: 'restock', storeName, sku, units: target - shelf });
  }
  return units;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
