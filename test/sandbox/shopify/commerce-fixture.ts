import type { SandboxStore } from '../../../src/sandbox/shopify/commerce/sandbox-store.js';

export interface ChainFixture {
  warehouse: string;
  storeA: string;
  storeB: string;
  tee: { variantId: string; itemId: string };
  cap: { variantId: string; itemId: string };
}

/**
 * Warehouse (priority 0, ships online), Store A (priority 1, ships online, pickup) and Store B
 * (priority 2, pickup only). TEE (DENY, 25.00): 10 / 4 / 2. CAP (CONTINUE, 12.50): 0 / 1 / -.
 */
export function seedChain(store: SandboxStore): ChainFixture {
  const warehouse = store.createLocation({
    name: 'Warehouse',
    fulfillsOnlineOrders: true,
    pickup: null,
    priority: 0,
  }).id;
  const storeA = store.createLocation({
    name: 'Store A',
    fulfillsOnlineOrders: true,
    pickup: true,
    priority: 1,
  }).id;
  const storeB = store.createLocation({
    name: 'Store B',
    fulfillsOnlineOrders: false,
    pickup: true,
    priority: 2,
  }).id;
  const tee = store.createProduct({
    title: 'Tee',
    variants: [{ sku: 'TEE-M', price: '25.00', inventoryPolicy: 'DENY' }],
  }).variants[0];
  const cap = store.createProduct({
    title: 'Cap',
    variants: [{ sku: 'CAP', price: '12.50', inventoryPolicy: 'CONTINUE' }],
  }).variants[0];
  if (!tee || !cap) throw new Error('fixture products were not created');

  store.connectLevel({
    inventoryItemId: tee.inventoryItemId,
    locationId: warehouse,
    available: 10,
  });
  store.connectLevel({ inventoryItemId: tee.inventoryItemId, locationId: storeA, available: 4 });
  store.connectLevel({ inventoryItemId: tee.inventoryItemId, locationId: storeB, available: 2 });
  store.connectLevel({ inventoryItemId: cap.inventoryItemId, locationId: warehouse, available: 0 });
  store.connectLevel({ inventoryItemId: cap.inventoryItemId, locationId: storeA, available: 1 });

  return {
    warehouse,
    storeA,
    storeB,
    tee: { variantId: tee.variantId, itemId: tee.inventoryItemId },
    cap: { variantId: cap.variantId, itemId: cap.inventoryItemId },
  };
}
