import type BetterSqlite3 from 'better-sqlite3';
import { sellableForClaim } from '../../domain/holds/hold-claim.js';
import type { ShortLine } from './place-hold.js';
import { BUFFER_OF_LEVEL, GROSS_OF_LEVEL } from './level-claim-sql.js';
import type { NewHold, NewHoldOutcome } from './new-hold.js';
import { mayHaveExpired } from './release-expired-holds.js';

type Statement = BetterSqlite3.Statement;

interface Statements {
  cartHasHolds: Statement;
  recordRequest: Statement;
  insertHold: Statement;
  insertLine: Statement;
  claim: Statement;
  levelBasis: Statement;
}

interface LevelBasis {
  held: number;
  hold_expiry_bound: string | null;
  gross: number;
  buffer: number;
}

const books = new WeakMap<BetterSqlite3.Database, SqliteNewHold>();

/**
 * A new hold on SQLite as a handful of prepared statements run synchronously: the cart's
 * unended holds looked for, the idempotency key recorded (a key seen before inserts nothing),
 * the hold and its lines written, and each level claimed by the conditional UPDATE that
 * `claimHeldUnits` runs, marking it stale for the refresher. Built from the query builder, the
 * same steps cost several times the statements themselves; run like this, a hold costs little
 * more than its claim (`npm run bench`, holds).
 *
 * `place` writes before it knows the outcome: the caller runs it inside a savepoint and rolls
 * back unless the hold was placed (`placeNewHold`), on Kysely's one connection.
 */
export class SqliteNewHold {
  private constructor(private readonly statements: Statements) {}

  static on(connection: BetterSqlite3.Database): SqliteNewHold {
    let book = books.get(connection);
    if (!book) {
      book = new SqliteNewHold(prepare(connection));
      books.set(connection, book);
    }
    return book;
  }

  place(hold: NewHold): NewHoldOutcome {
    const s = this.statements;
    if (s.cartHasHolds.get(hold.cartId) !== undefined) {
      return { kind: 'general', why: 'cart_has_holds' };
    }

    const recorded = s.recordRequest.run(
      hold.client,
      hold.idempotencyKey,
      hold.fingerprint,
      hold.holdId,
      hold.now,
    );
    if (recorded.changes === 0) return { kind: 'general', why: 'known_key' };

    s.insertHold.run(hold.holdId, hold.cartId, hold.expiresAt, hold.client, hold.now, hold.now);
    for (const level of hold.demand) {
      s.insertLine.run(hold.holdId, level.itemId, level.locationHandle, level.quantity, hold.now);
    }

    const short: ShortLine[] = [];
    for (const level of hold.demand) {
      const claim = {
        itemId: level.itemId,
        locationHandle: level.locationHandle,
        quantity: level.quantity,
        expiresAt: hold.expiresAt,
      };
      if (s.claim.run(claim).changes === 1) continue;

      const basis = s.levelBasis.get(level.itemId, level.locationHandle) as LevelBasis | undefined;
      if (basis && mayHaveExpired(basis, hold.now)) return { kind: 'general', why: 'expiry_due' };
      short.push({
        item: level.itemId,
        location: level.locationHandle,
        requested: level.quantity,
        sellable: basis ? sellableForClaim(basis) : 0,
      });
    }
    return short.length > 0 ? { kind: 'insufficient_stock', short } : { kind: 'placed' };
  }
}

function prepare(connection: BetterSqlite3.Database): Statements {
  return {
    cartHasHolds: connection.prepare(
      `SELECT 1 FROM holds WHERE cart_id = ? AND status IN ('active', 'checkout') LIMIT 1`,
    ),
    recordRequest: connection.prepare(
      `INSERT INTO hold_requests (client, idempotency_key, fingerprint, hold_id, created_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (client, idempotency_key) DO NOTHING`,
    ),
    insertHold: connection.prepare(
      `INSERT INTO holds (id, cart_id, status, expires_at, created_by, created_at, updated_at)
       VALUES (?, ?, 'active', ?, ?, ?, ?)`,
    ),
    insertLine: connection.prepare(
      `INSERT INTO hold_lines (hold_id, item_id, location_handle, quantity, placed_at)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    // As `claimHeldUnits`: the check in the WHERE; the expiry bound as `expiryBoundAfterClaim`.
    claim: connection.prepare(
      `UPDATE levels SET held = held + @quantity, decision_stale = 1,
         hold_expiry_bound = CASE
           WHEN held = 0 THEN @expiresAt
           WHEN hold_expiry_bound IS NULL THEN NULL
           WHEN hold_expiry_bound > @expiresAt THEN @expiresAt
           ELSE hold_expiry_bound END
       WHERE item_id = @itemId AND location_handle = @locationHandle
         AND ${GROSS_OF_LEVEL} - ${BUFFER_OF_LEVEL} - levels.held >= @quantity`,
    ),
    levelBasis: connection.prepare(
      `SELECT held, hold_expiry_bound, ${GROSS_OF_LEVEL} AS gross, ${BUFFER_OF_LEVEL} AS buffer
       FROM levels WHERE item_id = ? AND location_handle = ?`,
    ),
  };
}
