import { afterEach, describe, expect, it } from 'vitest';
import { startSpine } from '../support/spine-harness.js';
import type { Spine } from '../support/spine-harness.js';
import { testEngine } from '../support/test-storage.js';

describe(`buffer moves over real sockets (${testEngine})`, () => {
  let spine: Spine | null = null;
  afterEach(async () => {
    await spine?.close();
    spine = null;
  });

  it('moves the buffer into safety_stock at a managed store, and never at the warehouse', async () => {
    spine = await startSpine({
      stock: { downtown: { TEE: 10 }, warehouse: { TEE: 50 } },
      bufferUnits: 3,
    });

    // 10 on the shelf, buffer 3: Shopify shows available 7 and safety_stock 3; gross stays 10.
    expect(spine.shopify('downtown', 'TEE')).toMatchObject({
      available: 7,
      safety_stock: 3,
      on_hand: 10,
    });
    expect(spine.shopify('warehouse', 'TEE')).toMatchObject({ available: 50, safety_stock: 0 });
    const mirror = await spine.mirror('downtown', 'TEE');
    expect([mirror['available'], mirror['safety_stock'], mirror['placed_safety_stock']]).toEqual([
      7, 3, 3,
    ]);
    const decision = await spine.database.storage.db
      .selectFrom('decisions')
      .selectAll()
      .where('location_handle', '=', 'downtown')
      .executeTakeFirstOrThrow();
    expect([decision.gross, decision.sellable]).toEqual([10, 7]);
  });

  it('a POS sale in the middle of a move makes the compare-and-set stale; trueshelf re-reads and retries with a new key', async () => {
    let raced = false;
    const holder: { spine: Spine | null } = { spine: null };
    spine = await startSpine({
      stock: { downtown: { TEE: 4 } },
      bufferUnits: 0,
      beforeAdminRequest: (body) => {
        // The first move after the buffer is raised meets a till sale that lands first.
        if (!raced && holder.spine && body.includes('inventoryMoveQuantities')) {
          raced = true;
          holder.spine.sandbox.store.posSale({
            location: holder.spine.locationIds['downtown'] ?? '',
            lines: [{ sku: 'TEE', quantity: 1 }],
          });
        }
      },
    });
    holder.spine = spine;

    await spine.database.storage.db
      .updateTable('locations')
      .set({ buffer_units: 2 })
      .where('handle', '=', 'downtown')
      .execute();
    spine.sandbox.store.setQuantity({
      inventoryItemId: spine.itemIds['TEE'] ?? '',
      locationId: spine.locationIds['downtown'] ?? '',
      name: 'available',
      quantity: 5,
    });
    await spine.settle();

    // Shelf 5 then the till sold 1: gross 4, buffer 2 → available 2, safety_stock 2.
    expect(raced).toBe(true);
    expect(spine.shopify('downtown', 'TEE')).toMatchObject({
      available: 2,
      safety_stock: 2,
      on_hand: 4,
    });
    const moves = spine.sandbox.mutationLog
      .entries()
      .filter((e) => e.mutation === 'inventoryMoveQuantities');
    expect(moves.map((m) => [m.outcome, m.userErrors.map((e) => e.code).join(',')])).toEqual([
      ['rejected', 'CHANGE_FROM_QUANTITY_STALE'],
      ['applied', ''],
    ]);
    const keys = moves.map((m) => m.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    const mirror = await spine.mirror('downtown', 'TEE');
    expect([
      mirror['available'],
      mirror['safety_stock'],
      mirror['placed_safety_stock'],
      mirror['on_hand'],
    ]).toEqual([2, 2, 2, 4]);
  });

  it('a POS sale below zero returns buffer units to available', async () => {
    spine = await startSpine({ stock: { downtown: { TEE: 3 } }, bufferUnits: 2 });
    expect(spine.shopify('downtown', 'TEE')).toMatchObject({ available: 1, safety_stock: 2 });

    // The till sells 2 with only 1 available: available −1. Gross = −1 + 2 placed = 1, so one
    // unit stays in safety_stock and one goes back: available 0, safety_stock 1.
    spine.sandbox.store.posSale({
      location: spine.locationIds['downtown'] ?? '',
      lines: [{ sku: 'TEE', quantity: 2 }],
    });
    await spine.settle();

    expect(spine.shopify('downtown', 'TEE')).toMatchObject({
      available: 0,
      safety_stock: 1,
      on_hand: 1,
    });
    const mirror = await spine.mirror('downtown', 'TEE');
    expect([mirror['available'], mirror['safety_stock'], mirror['placed_safety_stock']]).toEqual([
      0, 1, 1,
    ]);
    const own = (await spine.movements('downtown', 'TEE')).filter(
      (m) => m.cause_kind === 'own_move',
    );
    expect(own.map((m) => [m.state, m.delta])).toEqual(
      expect.arrayContaining([
        ['available', 1],
        ['safety_stock', -1],
      ]),
    );
  });

  it('records the echo of its own move as nothing', async () => {
    spine = await startSpine({ stock: { downtown: { TEE: 6 } }, bufferUnits: 2 });

    const movements = await spine.movements('downtown', 'TEE');
    // Only the move itself (available −2, safety_stock +2); the echoed level update adds nothing.
    expect(movements.map((m) => [m.state, m.delta, m.cause_kind])).toEqual([
      ['available', -2, 'own_move'],
      ['safety_stock', 2, 'own_move'],
    ]);
  });
});
