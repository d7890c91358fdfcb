import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sumHoldDemand } from '../../../src/domain/holds/hold-demand.js';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { linesOf } from './killed-mid-group-body.js';
import type { StreamOrders } from './killed-mid-group-body.js';
import { decisionsOffHeld, heldOffLines, readLevelBooks } from './hold-books.js';
import { T0, seedLevel } from './hold-fixture.js';

const CHILD = fileURLToPath(new URL('./killed-mid-group-child.mjs', import.meta.url));

interface Answer {
  key: string;
  kind: string;
  id: string;
}

/** An instance streaming holds as its own OS process; collects what it answered. */
function startInstance(orders: StreamOrders) {
  const child = spawn(process.execPath, [CHILD, JSON.stringify(orders)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const answers: Answer[] = [];
  let errors = '';
  const listeners: (() => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const [word, key, kind, id] = line.split(' ');
    if (word !== 'answered' || !key || !kind) return;
    answers.push({ key, kind, id: id ?? '-' });
    for (const listener of listeners) listener();
  });
  child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  const ended = new Promise<string | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  const answered = (count: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => answers.length >= count && resolve();
      listeners.push(check);
      void ended.then(() => reject(new Error(`ended after ${answers.length}: ${errors}`)));
      check();
    });
  return { child, answers, ended, answered, errors: () => errors };
}

/**
 * Two instances place first holds in groups on one database; one is killed by SIGKILL while its
 * groups are in flight. Whatever it answered 201 is durable; nothing is half-written (each
 * hold has every line it asked for, or is not there at all); its levels were decided with its
 * claims, so no decision is missing without any sweeper; and the client that sends the killed
 * instance's requests again gets each answered hold replayed, and the rest placed.
 */
describe(`an instance killed while its groups of first holds run, on ${testEngine}`, () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
    await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 100_000 });
    await seedLevel(database.storage, { item: 'cap', location: 'downtown', available: 100_000 });
    await seedLevel(database.storage, { item: 'last', location: 'downtown', available: 3 });
  });
  afterEach(async () => database.close());

  it('loses nothing it answered and leaves nothing half-written', async () => {
    const orders = { url: database.url, now: T0, requests: 240, ms: 30_000 };
    const killed = startInstance({ ...orders, prefix: 'a' });
    const survivor = startInstance({ ...orders, prefix: 'b' });

    // Killed mid-stream, at an answer count that does not fall on a wave's end.
    await killed.answered(37);
    killed.child.kill('SIGKILL');
    expect(await killed.ended).toBe('SIGKILL');
    expect(await survivor.ended).toBe(null);
    expect(survivor.errors()).toBe('');

    const db = holdsDb(database.storage.db);
    const holds = await db.selectFrom('holds').select(['id', 'cart_id', 'status']).execute();
    const lines = await db.selectFrom('hold_lines').selectAll().execute();
    const keys = await db.selectFrom('hold_requests').selectAll().execute();

    // What was answered 201 is there, active, under its key.
    const answered = [...killed.answers, ...survivor.answers];
    expect(answered.filter((a) => a.kind === 'threw')).toEqual([]);
    const keyToHold = new Map(keys.map((row) => [row.idempotency_key, row.hold_id]));
    for (const answer of answered.filter((a) => a.kind === 'placed')) {
      expect({ key: answer.key, hold: keyToHold.get(answer.key) }).toEqual({
        key: answer.key,
        hold: answer.id,
      });
    }

    // Every hold written is whole: its key, its cart, and exactly the lines its request asked.
    expect(keys.length).toBe(holds.length);
    for (const row of keys) {
      const hold = holds.find((h) => h.id === row.hold_id);
      const r = Number(/-k-(\d+)$/.exec(row.idempotency_key)?.[1]);
      const prefix = row.idempotency_key.split('-')[0];
      expect(hold).toEqual({ id: row.hold_id, cart_id: `${prefix}-cart-${r}`, status: 'active' });
      const written = lines
        .filter((line) => line.hold_id === row.hold_id)
        .map((line) => `${line.item_id}×${line.quantity}`)
        .sort();
      const asked = sumHoldDemand(
        linesOf(r).map((l) => ({
          itemId: l.item,
          locationHandle: l.location,
          quantity: l.quantity,
        })),
      )
        .map((level) => `${level.itemId}×${level.quantity}`)
        .sort();
      expect({ key: row.idempotency_key, written }).toEqual({
        key: row.idempotency_key,
        written: asked,
      });
    }
    expect(lines.every((line) => holds.some((h) => h.id === line.hold_id))).toBe(true);

    // The books agree and are decided, with no sweeper run: the claims' decisions committed
    // with them.
    const books = await readLevelBooks(database.storage);
    expect(heldOffLines(books)).toEqual([]);
    expect(decisionsOffHeld(books)).toEqual([]);
    expect(books.find((level) => level.level === 'downtown/last')?.held).toBeLessThanOrEqual(3);

    // The killed instance's client sends everything again: answered holds replay as they were.
    const before = new Map(
      killed.answers.filter((a) => a.kind === 'placed').map((a) => [a.key, a.id]),
    );
    const retry = startInstance({ ...orders, prefix: 'a', requests: 48 });
    expect(await retry.ended).toBe(null);
    for (const answer of retry.answers) {
      const earlier = before.get(answer.key);
      if (earlier) expect(answer).toEqual({ key: answer.key, kind: 'replayed', id: earlier });
      else if (keyToHold.has(answer.key)) expect(answer.kind).toBe('replayed');
      else expect(['placed', 'insufficient_stock']).toContain(answer.kind);
    }
  }, 60_000);
});
