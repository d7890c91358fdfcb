import type { LocationSettings } from '../config/config-schema.js';
import { locationSettingsSchema } from '../config/config-schema.js';
import type { SandboxStore } from '../sandbox/shopify/commerce/sandbox-store.js';
import type { DemoCatalogue } from './demo-catalogue.js';
import { salesKey } from './demo-catalogue.js';

export interface SeededChain {
  locations: LocationSettings[];
  /** Sandbox location id per store name, and of the warehouse. */
  locationIds: Map<string, string>;
  warehouseId: string;
  /** Sandbox inventory item id per SKU. */
  itemIds: Map<string, string>;
  /** Order-up-to level per (store, sku), for replenishment. */
  orderUpTo: Map<string, number>;
}

/**
 * Creates the chain in the sandbox shop: a warehouse and the stores, one product per SKU,
 * stock of about a week's demand at each store, and the registry that manages the stores.
 */
export function seedSandboxChain(
  store: SandboxStore,
  catalogue: DemoCatalogue,
  bufferUnits: number,
): SeededChain {
  const locationIds = new Map<string, string>();
  const warehouse = store.createLocation({
    name: 'Warehouse',
    fulfillsOnlineOrders: true,
    pickup: false,
    priority: 0,
  });
  for (const [index, demoStore] of catalogue.stores.entries()) {
    const created = store.createLocation({
      name: demoStore.name,
      fulfillsOnlineOrders: true,
      pickup: true,
      priority: index + 1,
    });
    locationIds.set(demoStore.name, created.id);
  }

  const itemIds = new Map<string, string>();
  for (const item of catalogue.items) {
    const product = store.createProduct({
      title: `${item.category} ${item.sku}`,
      variants: [{ sku: item.sku, price: item.price, tracked: true, inventoryPolicy: 'DENY' }],
    });
    const variant = product.variants[0];
    if (variant) itemIds.set(item.sku, variant.inventoryItemId);
  }

  const orderUpTo = new Map<string, number>();
  for (const item of catalogue.items) {
    const inventoryItemId = itemIds.get(item.sku);
    if (!inventoryItemId) continue;
    store.connectLevel({ inventoryItemId, locationId: warehouse.id, available: 200 });
    for (const demoStore of catalogue.stores) {
      const series = catalogue.sales.get(salesKey(demoStore.name, item.sku)) ?? [];
      const mean = series.length ? series.reduce((a, b) => a + b, 0) / series.length : 0;
      const target = Math.max(3, Math.ceil(mean * 7) + 2);
      orderUpTo.set(salesKey(demoStore.name, item.sku), target);
      store.connectLevel({
        inventoryItemId,
        locationId: locationIds.get(demoStore.name) ?? '',
        available: target,
      });
    }
  }

  const locations = [
    locationSettingsSchema.parse({
      handle: 'warehouse',
      name: 'Warehouse',
      kind: 'warehouse',
      timeZone: 'America/Chicago',
      shopifyLocationId: warehouse.id,
      managed: false,
      mode: 'shadow',
    }),
    ...catalogue.stores.map((s, index) =>
      locationSettingsSchema.parse({
        handle: s.handle,
        name: s.name,
        kind: 'store',
        timeZone: s.timeZone,
        googleStoreCode: `STORE${String(index + 1).padStart(3, '0')}`,
        shopifyLocationId: locationIds.get(s.name),
        managed: true,
        mode: 'publish',
        bufferUnits,
        pickup: { enabled: true, pickupTimeHours: 2 },
      }),
    ),
  ];

  return { locations, locationIds, warehouseId: warehouse.id, itemIds, orderUpTo };
}
