import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import { seedLevel } from '../../engine/holds/hold-fixture.js';
import { bearer, startTestServer, TOKENS } from '../http-test-context.js';
import type { TestServer } from '../http-test-context.js';

type Body = string | Record<string, unknown> | unknown[];

describe(`POST /v1/holds refusals and odd requests, on ${testEngine}`, () => {
  let t: TestServer;
  beforeEach(async () => {
    const database = await openTestDatabase();
    t = await startTestServer({ storage: database.storage });
    const close = t.close;
    t.close = async () => {
      await close();
      await database.close();
    };
    await seedLevel(t.storage, { item: 'tee', sku: 'TEE-M', location: 'queen-st', available: 3 });
    // The cap is stocked at queen-st only; king-st is a store with no level for it.
    await seedLevel(t.storage, { item: 'cap', sku: 'CAP', location: 'queen-st', available: 1 });
    await seedLevel(t.storage, { item: 'sock', location: 'king-st', available: 1 });
  });
  afterEach(async () => t.close());

  const hold = (payload: Body, key: string | string[] = 'key-1', headers = {}) =>
    t.server.inject({
      method: 'POST',
      url: '/v1/holds',
      headers: { ...bearer(TOKENS.write), 'idempotency-key': key, ...headers },
      payload: payload as Record<string, unknown>,
    });
  const tee = (quantity: number, cartId = 'cart-1') => ({
    cartId,
    lines: [{ item: 'tee', location: 'queen-st', quantity }],
  });

  const written = async () => {
    const db = holdsDb(t.storage.db);
    return {
      holds: (await db.selectFrom('holds').select('id').execute()).length,
      lines: (await db.selectFrom('hold_lines').select('hold_id').execute()).length,
      requests: (await db.selectFrom('hold_requests').select('idempotency_key').execute()).length,
      held: (await db.selectFrom('levels').select('held').execute()).reduce(
        (sum, row) => sum + Number(row.held),
        0,
      ),
      stale: (await db.selectFrom('levels').select('decision_stale').execute()).filter(
        (row) => Number(row.decision_stale) !== 0,
      ).length,
    };
  };
  const nothing = { holds: 0, lines: 0, requests: 0, held: 0, stale: 0 };

  const setAvailable = (item: string, available: number) =>
    holdsDb(t.storage.db)
      .updateTable('levels')
      .set({ available, on_hand: available })
      .where('item_id', '=', item)
      .execute();

  it('a 409 writes nothing, and the same key once stock arrives is a fresh attempt', async () => {
    const refused = await hold(tee(4), 'key-retry');
    expect(refused.statusCode).toBe(409);
    expect(await written()).toEqual(nothing);

    await setAvailable('tee', 4);
    const retried = await hold(tee(4), 'key-retry');

    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(await written()).toMatchObject({ holds: 1, lines: 1, requests: 1, held: 4 });
  });

  it('a 409 for a cart that holds already keeps its hold and records nothing of the refused key', async () => {
    const first = await hold(tee(1), 'key-first');
    expect(first.statusCode).toBe(201);

    const refused = await hold(tee(4), 'key-more');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.lines).toEqual([
      { item: 'tee', sku: 'TEE-M', location: 'queen-st', requested: 4, sellable: 3 },
    ]);
    expect(await written()).toMatchObject({ holds: 1, lines: 1, requests: 1, held: 1 });

    await setAvailable('tee', 4);
    const retried = await hold(tee(4), 'key-more');
    expect(retried.statusCode).toBe(201);
    expect(retried.json()).toMatchObject({ id: first.json().id, lines: [{ quantity: 4 }] });
    expect(await written()).toMatchObject({ holds: 1, lines: 1, requests: 2, held: 4 });
  });

  it('a store the item is not stocked at is a 409 with nothing sellable, and writes nothing', async () => {
    const response = await hold({
      cartId: 'cart-1',
      lines: [{ item: 'cap', location: 'king-st', quantity: 1 }],
    });

    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({
      code: 'insufficient_stock',
      details: { lines: [{ item: 'cap', location: 'king-st', requested: 1, sellable: 0 }] },
    });
    expect(await written()).toEqual(nothing);
  });

  it('one item named twice, by id and by SKU, is one line claimed for the sum', async () => {
    const twice = (a: number, b: number) => ({
      cartId: 'cart-1',
      lines: [
        { item: 'tee', location: 'queen-st', quantity: a },
        { sku: 'TEE-M', location: 'queen-st', quantity: b },
      ],
    });

    const tooMany = await hold(twice(2, 2), 'key-a');
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().error.details.lines).toEqual([
      { item: 'tee', sku: 'TEE-M', location: 'queen-st', requested: 4, sellable: 3 },
    ]);

    const placed = await hold(twice(1, 2), 'key-b');
    expect(placed.statusCode).toBe(201);
    expect(placed.json().lines).toEqual([
      { item: 'tee', sku: 'TEE-M', location: 'queen-st', quantity: 3 },
    ]);
    const replayed = await hold(twice(1, 2), 'key-b');
    expect(replayed.json()).toEqual(placed.json());
    expect(await written()).toMatchObject({ holds: 1, lines: 1, requests: 1, held: 3 });
  });

  it('answers a malformed Idempotency-Key with 400 and writes nothing', async () => {
    const keys: (string | string[])[] = [
      '',
      'has space',
      'k'.repeat(256),
      'clé',
      'tab\there',
      ['key-a', 'key-b'],
    ];
    const answers = [];
    for (const key of keys) {
      const response = await hold(tee(1), key);
      answers.push([key, response.statusCode, response.json().error?.code]);
    }

    expect(answers).toEqual(keys.map((key) => [key, 400, 'invalid_request']));
    expect(await written()).toEqual(nothing);
    expect((await hold(tee(1), 'k'.repeat(255))).statusCode).toBe(201);
  });

  it('answers odd bodies with a 4xx naming them, never a 500, and writes nothing', async () => {
    const line = { item: 'tee', location: 'queen-st', quantity: 1 };
    const bodies: [string, Body, Record<string, string>?][] = [
      ['a list', [tee(1)]],
      ['null', 'null', { 'content-type': 'application/json' }],
      ['a number', '42', { 'content-type': 'application/json' }],
      ['broken JSON', '{"cartId":', { 'content-type': 'application/json' }],
      ['text', 'cartId=cart-1', { 'content-type': 'text/plain' }],
      ['no lines', { cartId: 'cart-1', lines: [] }],
      ['101 lines', { cartId: 'cart-1', lines: Array.from({ length: 101 }, () => line) }],
      ['an unknown field', { ...tee(1), note: 'gift' }],
      ['a long cart id', { ...tee(1), cartId: 'c'.repeat(256) }],
      ['a NUL in the cart id', { ...tee(1), cartId: 'cart\u0000one' }],
      ['a NUL in an item', { cartId: 'c', lines: [{ ...line, item: 'tee\u0000' }] }],
      ['ttl zero', { ...tee(1), ttlSeconds: 0 }],
      ['ttl past the policy', { ...tee(1), ttlSeconds: 10_000_000 }],
      ['ttl huge', { ...tee(1), ttlSeconds: 9_007_199_254_740_991 }],
      ['quantity as text', { cartId: 'c', lines: [{ ...line, quantity: '1' }] }],
      ['line as a list', { cartId: 'c', lines: [['tee', 'queen-st', 1]] }],
      ['cart id as a number', { ...tee(1), cartId: 7 }],
      [
        'a __proto__ key',
        '{"cartId":"c","lines":[],"__proto__":{"polluted":true}}',
        { 'content-type': 'application/json' },
      ],
      [
        'a constructor key',
        '{"cartId":"c","lines":[{"item":"tee","location":"queen-st","quantity":1,"constructor":{"prototype":{"x":1}}}]}',
        { 'content-type': 'application/json' },
      ],
    ];

    const answers = [];
    for (const [name, body, headers] of bodies) {
      const response = await hold(body, `key-${name.replace(/\W/g, '-')}`, headers ?? {});
      answers.push([name, response.statusCode >= 400 && response.statusCode < 500]);
    }

    expect(answers.filter(([, clientError]) => !clientError)).toEqual([]);
    expect(await written()).toEqual(nothing);
  });

  it('a warehouse, an unknown store and an unknown item are refused and write nothing', async () => {
    await seedLevel(t.storage, {
      item: 'tee',
      location: 'dc-east',
      available: 9,
      kind: 'warehouse',
    });
    const at = (item: string, location: string) => ({
      cartId: 'cart-1',
      lines: [{ item, location, quantity: 1 }],
    });

    const answers = [
      await hold(at('tee', 'dc-east'), 'k1'),
      await hold(at('tee', 'nowhere'), 'k2'),
      await hold(at('no-such-item', 'queen-st'), 'k3'),
    ].map((response) => [response.statusCode, response.json().error.code]);

    expect(answers).toEqual([
      [409, 'conflict'],
      [404, 'unknown_location'],
      [404, 'unknown_item'],
    ]);
    expect(await written()).toEqual(nothing);
  });

  it('many lines of 10,000 units each are refused, not overflowed', async () => {
    const lines = Array.from({ length: 100 }, () => ({
      item: 'tee',
      location: 'queen-st',
      quantity: 10_000,
    }));

    const response = await hold({ cartId: 'cart-1', lines });

    expect(response.statusCode).toBe(409);
    expect(response.json().error.details.lines).toEqual([
      { item: 'tee', sku: 'TEE-M', location: 'queen-st', requested: 1_000_000, sellable: 3 },
    ]);
    expect(await written()).toEqual(nothing);
  });
});
