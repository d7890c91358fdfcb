import type BetterSqlite3 from 'better-sqlite3';
import { arbitrateNewHolds, requestKey } from '../../domain/holds/arbitrate-new-holds.js';
import type {
  Arbitration,
  GroupBooks,
  LevelFigures,
} from '../../domain/holds/arbitrate-new-holds.js';
import { levelKey } from '../../domain/holds/hold-demand.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import { BUFFER_OF_LEVEL, GROSS_OF_LEVEL } from './level-claim-sql.js';
import type { NewHold, NewHoldOutcome } from './new-hold.js';

type Statement = BetterSqlite3.Statement;

interface Statements {
  levelFigures: Statement;
  cartHasHolds: Statement;
  keyKnown: Statement;
  claim: Statement;
  recordRequest: Statement;
  insertHold: Statement;
  insertLine: Statement;
}

const books = new WeakMap<BetterSqlite3.Database, SqliteNewHold>();

/**
 * A group of new holds on SQLite, as prepared statements run synchronously in the caller's
 * write transaction (`placeNewHolds`; SQLite has one writer, so nothing changes the rows
 * between the reads and the writes): the group's levels, carts and keys read, the holds
 * decided one after another (`arbitrateNewHolds`), then one conditional UPDATE per level
 * claimed, the check in its WHERE, and the keys, holds and lines of the holds placed. Built
 * from the query builder, the same steps cost several times the statements themselves. The
 * levels are decided by the caller, in the same transaction, so the claim does not mark them
 * stale.
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

  /** The holds in order, each placed or not; the outcomes in the same order. */
  placeAll(holds: readonly NewHold[]): NewHoldOutcome[] {
    const decided = arbitrateNewHolds(holds, this.read(holds));
    this.write(holds, decided);
    return decided.outcomes;
  }

  private read(holds: readonly NewHold[]): GroupBooks {
    const s = this.statements;
    const levels = new Map<string, LevelFigures>();
    const busyCarts = new Set<string>();
    const knownKeys = new Set<string>();

    for (const hold of holds) {
      for (const level of hold.demand) {
        const key = levelKey(level);
        if (levels.has(key)) continue;
        const figures = s.levelFigures.get(level.itemId, level.locationHandle);
        if (figures) levels.set(key, figures as LevelFigures);
      }
      if (s.cartHasHolds.get(hold.cartId) !== undefined) busyCarts.add(hold.cartId);
      if (s.keyKnown.get(hold.client, hold.idempotencyKey) !== undefined) {
        knownKeys.add(requestKey(hold.client, hold.idempotencyKey));
      }
    }
    return { levels, busyCarts, knownKeys };
  }

  private write(holds: readonly NewHold[], decided: Arbitration): void {
    const s = this.statements;
    for (const claim of decided.claims) {
      if (s.claim.run(claim).changes === 1) continue;
      // The figures were read in this same write transaction: the claim cannot miss them.
      throw new TrueshelfError(
        'internal',
        `the claim of ${claim.quantity} at ${claim.locationHandle} for ${claim.itemId} failed after its check passed`,
        { ...claim, expected: 'a claim to succeed where its level covered it' },
      );
    }

    holds.forEach((hold, index) => {
      if (decided.outcomes[index]?.kind !== 'placed') return;
      s.recordRequest.run(
        hold.client,
        hold.idempotencyKey,
        hold.fingerprint,
        hold.holdId,
        hold.now,
      );
      s.insertHold.run(hold.holdId, hold.cartId, hold.expiresAt, hold.client, hold.now, hold.now);
      for (const level of hold.demand) {
        s.insertLine.run(hold.holdId, level.itemId, level.locationHandle, level.quantity, hold.now);
      }
    });
  }
}

function prepare(connection: BetterSqlite3.Database): Statements {
  return {
    levelFigures: connection.prepare(
      `SELECT held, hold_expiry_bound, ${GROSS_OF_LEVEL} - ${BUFFER_OF_LEVEL} - held AS unclaimed
       FROM levels WHERE item_id = ? AND location_handle = ?`,
    ),
    cartHasHolds: connection.prepare(
      `SELECT 1 FROM holds WHERE cart_id = ? AND status IN ('active', 'checkout') LIMIT 1`,
    ),
    keyKnown: connection.prepare(
      `SELECT 1 FROM hold_requests WHERE client = ? AND idempotency_key = ?`,
    ),
    // As `claimHeldUnits`, for all the group's units at the level, without the stale mark: the
    // check in the WHERE; the expiry bound as the group's holds one after another leave it.
    claim: connection.prepare(
      `UPDATE levels SET held = held + @quantity, hold_expiry_bound = @hold_expiry_bound
       WHERE item_id = @itemId AND location_handle = @locationHandle
         AND ${GROSS_OF_LEVEL} - ${BUFFER_OF_LEVEL} - levels.held >= @quantity`,
    ),
    recordRequest: connection.prepare(
      `INSERT INTO hold_requests (client, idempotency_key, fingerprint, hold_id, created_at)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    insertHold: connection.prepare(
      `INSERT INTO holds (id, cart_id, status, expires_at, created_by, created_at, updated_at)
       VALUES (?, ?, 'active', ?, ?, ?, ?)`,
    ),
    insertLine: connection.prepare(
      `INSERT INTO hold_lines (hold_id, item_id, location_handle, quantity, placed_at)
       VALUES (?, ?, ?, ?, ?)`,
    ),
  };
}
