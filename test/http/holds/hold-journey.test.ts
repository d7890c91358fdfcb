import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PickupLookupResolver } from '../../../src/engine/holds/pickup-lookup-resolver.js';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { buildServer } from '../../../src/http/build-server.js';
import type { MutationLogEntry } from '../../../src/sandbox/shopify/inventory/mutation-log.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { startSpine } from '../../support/spine-harness.js';
import type { Spine } from '../../support/spine-harness.js';
import { testEngine } from '../../support/test-storage.js';

const WRITE_TOKEN = 'journey-write-token-0123456789';
const SKU = 'LAST-TEE';

/** The `reserved` side of an applied move, as the sandbox Shopify received it. */
function reservedSide(
  entry: MutationLogEntry,
): { ledgerDocumentUri?: string; name: string } | undefined {
  const input = entry.input as { changes: { from: { name: string }; to: { name: string } }[] };
  const change = input.changes[0];
  return [change?.from, change?.to].find((side) => side?.name === 'reserved') as
    { ledgerDocumentUri?: string; name: string } | undefined;
}

describe(`a pickup hold from cart to counter, on the sandbox Shopify (${testEngine})`, () => {
  let spine: Spine;
  let api: FastifyInstance;
  beforeEach(async () => {
    spine = await startSpine({ stock: { downtown: { [SKU]: 2 } }, bufferUnits: 0 });
    // A second front on the running app's context, with a client token that may write.
    const { context } = spine.running;
    api = await buildServer({
      ...context,
      config: {
        ...context.config,
        tokens: [{ name: 'storefront', token: WRITE_TOKEN, scopes: ['read', 'write'] }],
      },
    });
  });
  afterEach(async () => {
    await api.close();
    await spine.close();
  });

  const call = async (method: 'GET' | 'POST', url: string, payload?: object, key?: string) => {
    const response = await api.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${WRITE_TOKEN}`,
        ...(key ? { 'idempotency-key': key } : {}),
      },
      ...(payload ? { payload: payload as Record<string, unknown> } : {}),
    });
    await spine.settle();
    return response;
  };
  const hold = (cartId: string, quantity: number, key: string) =>
    call(
      'POST',
      '/v1/holds',
      { cartId, lines: [{ sku: SKU, location: 'downtown', quantity }] },
      key,
    );
  const pickupOrder = (quantity: number, cartToken?: string) =>
    spine.sandbox.store.onlineOrder({
      lines: [{ sku: SKU, quantity }],
      delivery: 'pickup',
      pickupLocation: spine.locationIds['downtown'],
      cartToken,
    });

  it('reserves the units in Shopify, refuses the next shopper, converts at checkout and alerts on a POS sale', async () => {
    // 1. The holder's cart claims both units; trueshelf moves them to Shopify's reserved.
    const placed = await hold('cart-a', 2, 'key-a');
    expect(placed.statusCode).toBe(201);
    const holdId = placed.json().id as string;
    expect(spine.shopify('downtown', SKU)).toMatchObject({ available: 0, reserved: 2, on_hand: 2 });
    const mirror = await spine.mirror('downtown', SKU);
    expect([mirror['placed_reserved'], mirror['held']]).toEqual([2, 2]);
    const moves = spine.sandbox.mutationLog
      .applied()
      .filter((e) => e.mutation === 'inventoryMoveQuantities');
    expect(moves.map(reservedSide).map((side) => side?.ledgerDocumentUri)).toEqual([
      `trueshelf://holds/${holdId}`,
    ]);

    // 2. Another shopper is refused at Shopify's own checkout: nothing is available.
    expect(pickupOrder(1)).toMatchObject({ ok: false, reason: 'insufficient_stock' });

    // 3. The holder goes to checkout: the units go back to available for the grace period...
    const checkout = await call('POST', `/v1/holds/${holdId}/checkout`);
    expect(checkout.json()).toMatchObject({ status: 'checkout' });
    expect(spine.shopify('downtown', SKU)).toMatchObject({ available: 2, reserved: 0 });

    // ...and the order carrying the cart converts the hold and joins the store's pickup queue.
    const order = pickupOrder(2, 'cart-a');
    expect(order.ok).toBe(true);
    await spine.settle();
    const converted = await call('GET', `/v1/holds/${holdId}`);
    expect(converted.json()).toMatchObject({ status: 'converted', endReason: 'order' });
    expect(spine.shopify('downtown', SKU)).toMatchObject({
      available: 0,
      committed: 2,
      reserved: 0,
    });

    const resolver = new PickupLookupResolver({
      storage: spine.database.storage,
      client: spine.running.shopify,
      clock: spine.running.context.clock,
      logger: silentLogger(),
    });
    await resolver.runOnce();
    if (order.ok) spine.sandbox.store.markReadyForPickup(order.order.id);
    await spine.settle();
    const pickups = await call('GET', '/v1/pickups?location=downtown');
    expect(pickups.json().pickups).toMatchObject([
      {
        orderId: order.ok ? order.order.id : '',
        holdId,
        location: 'downtown',
        lines: [{ quantity: 2 }],
      },
    ]);
    expect(pickups.json().pickups[0].readyAt).not.toBeNull();

    // 4. Restocked, another cart holds 2; a till sells 2 of the 3 anyway (POS only warns).
    spine.sandbox.store.setQuantity({
      inventoryItemId: spine.itemIds[SKU] ?? '',
      locationId: spine.locationIds['downtown'] ?? '',
      name: 'available',
      quantity: 3,
    });
    await spine.settle();
    const second = await hold('cart-b', 2, 'key-b');
    expect(spine.shopify('downtown', SKU)).toMatchObject({ available: 1, reserved: 2 });
    const sale = spine.sandbox.store.posSale({
      location: spine.locationIds['downtown'] ?? '',
      lines: [{ sku: SKU, quantity: 2 }],
    });
    expect(sale.warnings).toHaveLength(1);
    await spine.settle();

    // Gross is now 1 against 2 held: the store is told, and Shopify keeps only 1 reserved.
    const alerts = await call('GET', '/v1/alerts?location=downtown&open=true');
    expect(alerts.json().alerts).toMatchObject([
      { kind: 'sold_from_under_hold', holdIds: [second.json().id], unitsShort: 1 },
    ]);
    expect(spine.shopify('downtown', SKU)).toMatchObject({ available: 0, reserved: 1 });
    const decision = await holdsDb(spine.database.storage.db)
      .selectFrom('decisions')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect([decision.gross, decision.held, decision.sellable, decision.target_reserved]).toEqual([
      1, 2, 0, 1,
    ]);
  }, 60_000);
});
