import type BetterSqlite3 from 'better-sqlite3';
import { timeOrderedId } from '../src/shared/time-ordered-id.js';

/** What the floor leg measured: durable holds per second and the time each took. */
export interface HoldFloor {
  perSecond: number;
  microsPerHold: number;
  holds: number;
}

const GROUP = 50;
const CLIENT = 'bench-floor';

/**
 * The floor under any hold service on SQLite: only the rows a durable, idempotent hold must
 * write (the conditional claim on its level, its request key, the hold and its line, with the
 * schema's indexes), as prepared statements on the raw connection, `GROUP` holds a transaction,
 * no decision, no outbox row and no JavaScript between them. A service cannot go faster than
 * this; the ratio of this figure to the bare UPDATE says what the schema alone allows. Its rows
 * are deleted afterwards; the levels' `held` is left for the caller to reset with the others.
 */
export function measureSqliteHoldFloor(
  connection: BetterSqlite3.Database,
  options: { store: string; itemOf: (i: number) => string; seconds: number; label: string },
): HoldFloor {
  const statements = prepare(connection);
  const now = new Date().toISOString();
  const expiresAt = new Date(Date.now() + 600_000).toISOString();
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  let holds = 0;

  while (performance.now() < deadline) {
    statements.begin.run();
    for (let k = 0; k < GROUP; k += 1) {
      const itemId = options.itemOf(holds);
      const holdId = timeOrderedId();
      const cartId = `floor-${options.label}-${holds}`;
      if (statements.claim.run(itemId, options.store).changes !== 1) {
        throw new Error(`the floor leg's claim at ${itemId} found no unit`);
      }
      statements.key.run(CLIENT, cartId, cartId, holdId, now);
      statements.hold.run(holdId, cartId, expiresAt, CLIENT, now, now);
      statements.line.run(holdId, itemId, options.store, 1, now);
      holds += 1;
    }
    statements.commit.run();
  }
  const seconds = (performance.now() - started) / 1000;

  connection
    .prepare(`DELETE FROM hold_lines WHERE hold_id IN (SELECT id FROM holds WHERE created_by = ?)`)
    .run(CLIENT);
  connection.prepare(`DELETE FROM holds WHERE created_by = ?`).run(CLIENT);
  connection.prepare(`DELETE FROM hold_requests WHERE client = ?`).run(CLIENT);
  return { perSecond: holds / seconds, microsPerHold: (seconds * 1e6) / holds, holds };
}

function prepare(connection: BetterSqlite3.Database) {
  return {
    begin: connection.prepare('BEGIN IMMEDIATE'),
    commit: connection.prepare('COMMIT'),
    claim: connection.prepare(
      `UPDATE levels SET held = held + 1 WHERE item_id = ? AND location_handle = ?
         AND available + placed_safety_stock + placed_reserved - held >= 1`,
    ),
    key: connection.prepare(
      `INSERT INTO hold_requests (client, idempotency_key, fingerprint, hold_id, created_at)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    hold: connection.prepare(
      `INSERT INTO holds (id, cart_id, status, expires_at, created_by, created_at, updated_at)
       VALUES (?, ?, 'active', ?, ?, ?, ?)`,
    ),
    line: connection.prepare(
      `INSERT INTO hold_lines (hold_id, item_id, location_handle, quantity, placed_at)
       VALUES (?, ?, ?, ?, ?)`,
    ),
  };
}
