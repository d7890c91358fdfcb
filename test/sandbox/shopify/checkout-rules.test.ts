import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxStore } from '../../../src/sandbox/shopify/commerce/sandbox-store.js';
import { seedChain } from './commerce-fixture.js';
import type { ChainFixture } from './commerce-fixture.js';
import { startHarness } from './sandbox-harness.js';
import type { Harness } from './sandbox-harness.js';

let h: Harness;
let store: SandboxStore;
let chain: ChainFixture;

beforeEach(async () => {
  h = await startHarness({ webhookUrl: undefined });
  store = h.sandbox.store;
  chain = seedChain(store);
});

afterEach(async () => {
  await h.close();
});

const available = (itemId: string, locationId: string): number | undefined =>
  store.level(itemId, locationId)?.quantities.available;

describe('the online checkout', () => {
  it('counts only locations that fulfil online orders when shipping', () => {
    // Warehouse 10 + Store A 4 = 14; Store B's 2 do not ship.
    const refused = store.onlineOrder({
      lines: [{ sku: 'TEE-M', quantity: 15 }],
      delivery: 'shipping',
    });
    expect(refused).toEqual({
      ok: false,
      reason: 'insufficient_stock',
      shortfalls: [{ variantId: chain.tee.variantId, sku: 'TEE-M', requested: 15, available: 14 }],
    });
    expect(available(chain.tee.itemId, chain.warehouse)).toBe(10);

    expect(
      store.onlineOrder({ lines: [{ sku: 'TEE-M', quantity: 14 }], delivery: 'shipping' }).ok,
    ).toBe(true);
  });

  it('needs the whole pickup order at the one store', () => {
    const refused = store.onlineOrder({
      lines: [{ sku: 'TEE-M', quantity: 3 }],
      delivery: 'pickup',
      pickupLocation: chain.storeB,
    });
    expect(refused).toMatchObject({
      ok: false,
      reason: 'insufficient_stock',
      shortfalls: [{ requested: 3, available: 2 }],
    });
    expect(available(chain.tee.itemId, chain.storeB)).toBe(2);
  });

  it('refuses pickup at a location that does not offer it', () => {
    const refused = store.onlineOrder({
      lines: [{ sku: 'TEE-M', quantity: 1 }],
      delivery: 'pickup',
      pickupLocation: chain.warehouse,
    });
    expect(refused).toEqual({
      ok: false,
      reason: 'pickup_unavailable',
      locationId: chain.warehouse,
    });
  });

  it('refuses a DENY variant at zero while POS sells the same unit below zero', () => {
    store.setQuantity({
      inventoryItemId: chain.tee.itemId,
      locationId: chain.warehouse,
      name: 'available',
      quantity: 0,
    });
    store.setQuantity({
      inventoryItemId: chain.tee.itemId,
      locationId: chain.storeA,
      name: 'available',
      quantity: 0,
    });

    expect(
      store.onlineOrder({ lines: [{ sku: 'TEE-M', quantity: 1 }], delivery: 'shipping' }),
    ).toMatchObject({ ok: false, reason: 'insufficient_stock' });
    const sale = store.posSale({ location: chain.storeA, lines: [{ sku: 'TEE-M', quantity: 1 }] });
    expect(sale.warnings).toHaveLength(1);
    expect(available(chain.tee.itemId, chain.storeA)).toBe(-1);
  });

  it('sells a CONTINUE variant past zero, oversold at the first location that stocks it', () => {
    // Cap: Warehouse 0, Store A 1. Store A gives its 1; the other 2 go to the Warehouse.
    const placed = store.onlineOrder({
      lines: [{ sku: 'CAP', quantity: 3 }],
      delivery: 'shipping',
    });
    expect(placed.ok).toBe(true);
    expect(store.level(chain.cap.itemId, chain.warehouse)?.quantities).toMatchObject({
      available: -2,
      committed: 2,
    });
    expect(store.level(chain.cap.itemId, chain.storeA)?.quantities).toMatchObject({
      available: 0,
      committed: 1,
    });
  });

  it('never refuses an untracked variant', () => {
    const untracked = store.createProduct({
      title: 'Gift wrap',
      variants: [{ sku: 'WRAP', tracked: false, inventoryPolicy: 'DENY' }],
    });
    const placed = store.onlineOrder({
      lines: [{ sku: 'WRAP', quantity: 50 }],
      delivery: 'shipping',
    });
    expect(placed.ok).toBe(true);
    expect(store.level(untracked.variants[0]?.inventoryItemId ?? '', chain.warehouse)).toBeNull();
  });

  it('answers a refused checkout on the control endpoint with 409', async () => {
    const response = await fetch(`${h.sandbox.url}/_sandbox/online-orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ lines: [{ sku: 'TEE-M', quantity: 99 }], delivery: 'shipping' }),
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ ok: false, reason: 'insufficient_stock' });
  });
});
