import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN, gid, startHarness } from './sandbox-harness.js';
import type { GraphqlReply, Harness } from './sandbox-harness.js';

const MOVE = `mutation Move($input: InventoryMoveQuantitiesInput!, $key: String!) {
  inventoryMoveQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id reason referenceDocumentUri changes { name delta quantityAfterChange ledgerDocumentUri item { id } location { id } } }
    userErrors { code field message }
  }
}`;
const SET = `mutation Set($input: InventorySetQuantitiesInput!) {
  inventorySetQuantities(input: $input) @idempotent(key: "set-1") {
    inventoryAdjustmentGroup { changes { name delta quantityAfterChange } }
    userErrors { code field message }
  }
}`;
const ADJUST = `mutation Adjust($input: InventoryAdjustQuantitiesInput!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: "adjust-1") {
    inventoryAdjustmentGroup { changes { name delta quantityAfterChange ledgerDocumentUri } }
    userErrors { code field message }
  }
}`;

let h: Harness;
let item: string;
let here: string;
let there: string;

beforeEach(async () => {
  h = await startHarness();
  const store = h.sandbox.store;
  here = store.createLocation({ name: 'Here' }).id;
  there = store.createLocation({ name: 'There' }).id;
  item =
    store.createProduct({ title: 'Tee', variants: [{ sku: 'TEE-M' }] }).variants[0]
      ?.inventoryItemId ?? '';
  store.connectLevel({ inventoryItemId: item, locationId: here, available: 10 });
  store.connectLevel({ inventoryItemId: item, locationId: there, available: 0 });
  await h.sandbox.webhooks.idle();
  h.receiver.clear();
});

afterEach(async () => {
  await h.close();
});

const levelHere = (): Record<string, number> => h.sandbox.store.level(item, here)?.quantities ?? {};

interface Terminal {
  locationId?: string;
  name: string;
  ledgerDocumentUri?: string;
  changeFromQuantity?: number | null;
}

function moveInput(quantity: number, from: Terminal, to: Terminal) {
  return {
    reason: 'safety_stock',
    referenceDocumentUri: 'trueshelf://outbox/17',
    changes: [
      {
        inventoryItemId: gid('InventoryItem', item),
        quantity,
        from: terminal(from),
        to: terminal(to),
      },
    ],
  };
}

function terminal(t: Terminal): Record<string, unknown> {
  return { ...t, locationId: gid('Location', t.locationId ?? here) };
}

function payload(
  reply: GraphqlReply,
  field = 'inventoryMoveQuantities',
): {
  inventoryAdjustmentGroup: Record<string, unknown> | null;
  userErrors: Array<Record<string, unknown>>;
} {
  return (reply.body.data?.[field] ?? null) as never;
}

const toSafety: Terminal = {
  name: 'safety_stock',
  ledgerDocumentUri: 'trueshelf://buffer/here/tee',
  changeFromQuantity: 0,
};

describe('inventoryMoveQuantities', () => {
  it('moves units between states at one location, leaving on hand alone', async () => {
    const reply = await h.gql(MOVE, {
      input: moveInput(3, { name: 'available', changeFromQuantity: 10 }, toSafety),
      key: 'k-1',
    });

    expect(payload(reply).userErrors).toEqual([]);
    expect(payload(reply).inventoryAdjustmentGroup).toMatchObject({
      reason: 'safety_stock',
      referenceDocumentUri: 'trueshelf://outbox/17',
      changes: [
        {
          name: 'available',
          delta: -3,
          quantityAfterChange: 7,
          ledgerDocumentUri: null,
          item: { id: gid('InventoryItem', item) },
          location: { id: gid('Location', here) },
        },
        {
          name: 'safety_stock',
          delta: 3,
          quantityAfterChange: 3,
          ledgerDocumentUri: 'trueshelf://buffer/here/tee',
        },
      ],
    });
    expect(levelHere()).toMatchObject({ available: 7, safety_stock: 3, on_hand: 10 });
  });

  it('applies nothing when one changeFromQuantity is stale', async () => {
    const input = moveInput(
      1,
      { name: 'available', changeFromQuantity: 10 },
      { ...toSafety, name: 'reserved' },
    );
    input.changes.push({
      ...input.changes[0]!,
      to: terminal({ ...toSafety }),
      from: terminal({ name: 'available', changeFromQuantity: 9 }),
    });
    const reply = await h.gql(MOVE, { input, key: 'k-stale' });

    expect(payload(reply).inventoryAdjustmentGroup).toBeNull();
    expect(payload(reply).userErrors).toEqual([
      expect.objectContaining({
        code: 'CHANGE_FROM_QUANTITY_STALE',
        field: ['input', 'changes', '1', 'from', 'changeFromQuantity'],
      }),
    ]);
    expect(levelHere()).toMatchObject({ available: 10, reserved: 0, safety_stock: 0, on_hand: 10 });
    expect(h.sandbox.mutationLog.entries().map((e) => e.outcome)).toEqual(['rejected']);
  });

  it('skips the compare when changeFromQuantity is an explicit null', async () => {
    const reply = await h.gql(MOVE, {
      input: moveInput(
        2,
        { name: 'available', changeFromQuantity: null },
        { ...toSafety, changeFromQuantity: null },
      ),
      key: 'k-null',
    });
    expect(payload(reply).userErrors).toEqual([]);
    expect(levelHere()).toMatchObject({ available: 8, safety_stock: 2 });
  });

  it('refuses a terminal that leaves changeFromQuantity out', async () => {
    const reply = await h.gql(MOVE, {
      input: moveInput(2, { name: 'available' }, toSafety),
      key: 'k-missing',
    });
    expect(reply.body.errors?.[0]).toMatchObject({
      message: expect.stringContaining('changeFromQuantity is required'),
    });
    expect(levelHere()).toMatchObject({ available: 10, safety_stock: 0 });
  });

  it('applies a replayed key once and returns the first result', async () => {
    const input = moveInput(3, { name: 'available', changeFromQuantity: 10 }, toSafety);
    const first = await h.gql(MOVE, { input, key: 'k-replay' });
    const second = await h.gql(MOVE, { input, key: 'k-replay' });

    expect(payload(second)).toEqual(payload(first));
    expect(levelHere()).toMatchObject({ available: 7, safety_stock: 3 });
    expect(h.sandbox.mutationLog.applied()).toHaveLength(1);
    expect(h.sandbox.mutationLog.byKey('k-replay').map((e) => e.outcome)).toEqual([
      'applied',
      'replayed',
    ]);
  });

  it('refuses a reused key with different input', async () => {
    await h.gql(MOVE, {
      input: moveInput(3, { name: 'available', changeFromQuantity: 10 }, toSafety),
      key: 'k-reuse',
    });
    const reply = await h.gql(MOVE, {
      input: moveInput(
        4,
        { name: 'available', changeFromQuantity: 7 },
        { ...toSafety, changeFromQuantity: 3 },
      ),
      key: 'k-reuse',
    });

    expect(payload(reply).userErrors).toEqual([
      expect.objectContaining({ code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH' }),
    ]);
    expect(levelHere()).toMatchObject({ available: 7, safety_stock: 3 });
  });

  it('refuses a move without @idempotent from 2026-04, but not in 2026-01', async () => {
    const bare = MOVE.replace(' @idempotent(key: $key)', '').replace(', $key: String!', '');
    const input = moveInput(1, { name: 'available', changeFromQuantity: 10 }, toSafety);

    const refused = await h.gql(bare, { input });
    expect(refused.body.data?.inventoryMoveQuantities).toBeNull();
    expect(JSON.stringify(refused.body.errors)).toContain('@idempotent');
    expect(levelHere().available).toBe(10);

    const response = await fetch(`${h.sandbox.url}/admin/api/2026-01/graphql.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': ACCESS_TOKEN },
      body: JSON.stringify({ query: bare, variables: { input } }),
    });
    expect(
      ((await response.json()) as GraphqlReply['body']).data?.inventoryMoveQuantities,
    ).toMatchObject({ userErrors: [] });
    expect(levelHere().available).toBe(9);
  });

  it("requires a ledger document for every state but available, never one of Shopify's own", async () => {
    const cases: Array<[Terminal, Terminal, string, string[]]> = [
      [
        { name: 'available', changeFromQuantity: 10 },
        { name: 'safety_stock', changeFromQuantity: 0 },
        'INVALID_QUANTITY_DOCUMENT',
        ['to', 'ledgerDocumentUri'],
      ],
      [
        { name: 'available', changeFromQuantity: 10 },
        { ...toSafety, ledgerDocumentUri: 'gid://shopify/Order/1' },
        'INTERNAL_LEDGER_DOCUMENT',
        ['to', 'ledgerDocumentUri'],
      ],
      [
        { name: 'available', changeFromQuantity: 10, ledgerDocumentUri: 'trueshelf://x' },
        toSafety,
        'INVALID_AVAILABLE_DOCUMENT',
        ['from', 'ledgerDocumentUri'],
      ],
    ];
    for (const [index, [from, to, code, field]] of cases.entries()) {
      const reply = await h.gql(MOVE, { input: moveInput(1, from, to), key: `k-ledger-${index}` });
      expect(payload(reply).userErrors).toEqual([
        expect.objectContaining({ code, field: ['input', 'changes', '0', ...field] }),
      ]);
    }
    expect(levelHere()).toMatchObject({ available: 10, safety_stock: 0 });
  });

  it('moves one state between locations, but not two different states', async () => {
    const between = await h.gql(MOVE, {
      input: moveInput(
        2,
        { name: 'available', changeFromQuantity: 10 },
        { locationId: there, name: 'available', changeFromQuantity: 0 },
      ),
      key: 'k-between',
    });
    expect(payload(between).userErrors).toEqual([]);
    expect(levelHere()).toMatchObject({ available: 8, on_hand: 8 });
    expect(h.sandbox.store.level(item, there)?.quantities).toMatchObject({
      available: 2,
      on_hand: 2,
    });

    const crossed = await h.gql(MOVE, {
      input: moveInput(
        1,
        { name: 'available', changeFromQuantity: 8 },
        { ...toSafety, locationId: there },
      ),
      key: 'k-crossed',
    });
    expect(payload(crossed).userErrors).toEqual([
      expect.objectContaining({ code: 'DIFFERENT_LOCATIONS' }),
    ]);
  });

  it('echoes an inventory_levels/update when available moved, and none when it did not', async () => {
    await h.gql(MOVE, {
      input: moveInput(3, { name: 'available', changeFromQuantity: 10 }, toSafety),
      key: 'k-echo-1',
    });
    const fromSafety: Terminal = {
      name: 'safety_stock',
      ledgerDocumentUri: 'trueshelf://buffer/here/tee',
      changeFromQuantity: 3,
    };
    await h.gql(MOVE, {
      input: moveInput(1, fromSafety, {
        name: 'reserved',
        ledgerDocumentUri: 'trueshelf://hold/9',
        changeFromQuantity: 0,
      }),
      key: 'k-echo-2',
    });
    await h.sandbox.webhooks.idle();

    const updates = h.receiver.ofTopic('inventory_levels/update');
    expect(updates).toHaveLength(1);
    expect(updates[0]?.body).toContain('"available":7');
  });
});

describe('inventorySetQuantities and inventoryAdjustQuantities', () => {
  it('sets only available or on_hand, and the difference lands in on hand', async () => {
    const refused = await h.gql(SET, {
      input: {
        name: 'reserved',
        reason: 'correction',
        quantities: [
          {
            inventoryItemId: gid('InventoryItem', item),
            locationId: gid('Location', here),
            quantity: 1,
            changeFromQuantity: 0,
          },
        ],
      },
    });
    expect(payload(refused, 'inventorySetQuantities').userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_NAME', field: ['input', 'name'] }),
    ]);

    const reply = await h.gql(SET.replace('set-1', 'set-2'), {
      input: {
        name: 'available',
        reason: 'correction',
        referenceDocumentUri: 'trueshelf://count/3',
        quantities: [
          {
            inventoryItemId: gid('InventoryItem', item),
            locationId: gid('Location', here),
            quantity: 6,
            changeFromQuantity: 10,
          },
        ],
      },
    });
    expect(payload(reply, 'inventorySetQuantities').inventoryAdjustmentGroup).toEqual({
      changes: [
        { name: 'available', delta: -4, quantityAfterChange: 6 },
        { name: 'on_hand', delta: -4, quantityAfterChange: 6 },
      ],
    });
  });

  it('adjusts an unavailable state with its ledger document, moving on hand with it', async () => {
    const reply = await h.gql(ADJUST, {
      input: {
        name: 'damaged',
        reason: 'damaged',
        referenceDocumentUri: 'trueshelf://count/4',
        changes: [
          {
            inventoryItemId: gid('InventoryItem', item),
            locationId: gid('Location', here),
            delta: 2,
            ledgerDocumentUri: 'trueshelf://damage/1',
            changeFromQuantity: 0,
          },
        ],
      },
    });
    expect(payload(reply, 'inventoryAdjustQuantities').userErrors).toEqual([]);
    expect(levelHere()).toMatchObject({ available: 10, damaged: 2, on_hand: 12 });
  });
});
