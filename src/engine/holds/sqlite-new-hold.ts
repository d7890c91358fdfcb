import type BetterSqlite3 from 'better-sqlite3';
import { claimCovers, sellableForClaim } from '../../domain/holds/hold-claim.js';
import type { HoldDemand } from '../../domain/holds/hold-demand.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import type { ShortLine } from './place-hold.js';
import { BUFFER_OF_LEVEL, GROSS_OF_LEVEL } from './level-claim-sql.js';
import type { NewHold, NewHoldOutcome } from './new-hold.js';
import { mayHaveExpired } from './release-expired-holds.js';

type Statement = BetterSqlite3.Statement;

interface Statements {
  cartHasHolds: Statement;
  keyKnown: Statement;
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
 * New holds on SQLite as prepared statements run synchronously, a group of them one after
 * another in the caller's transaction (`placeNewHolds`). Built from the query builder, the same
 * steps cost several times the statements themselves.
 *
 * Each hold writes nothing unless it is placed, so holds of one group need no savepoint of
 * their own: the cart's unended holds and the idempotency key are looked up first (a hold of
 * the same group placed just before counts, as the database sees its rows), then the levels.
 * A one-level hold is claimed at once by the conditional UPDATE, the check in its WHERE; a hold
 * over several levels reads each level's basis first and claims only when every one covers it
 * (nothing else writes meanwhile: SQLite has one writer, and this runs inside its transaction).
 * Only then are the key, the hold and its lines written. The levels are decided by the caller,
 * in the same transaction, so the claim does not mark them stale.
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
    return holds.map((hold) => this.place(hold));
  }

  private place(hold: NewHold): NewHoldOutcome {
    const s = this.statements;
    if (s.cartHasHolds.get(hold.cartId) !== undefined) {
      return { kind: 'general', why: 'cart_has_holds' };
    }
    if (s.keyKnown.get(hold.client, hold.idempotencyKey) !== undefined) {
      return { kind: 'general', why: 'known_key' };
    }

    const refusal = this.claim(hold);
    if (refusal) return refusal;

    s.recordRequest.run(hold.client, hold.idempotencyKey, hold.fingerprint, hold.holdId, hold.now);
    s.insertHold.run(hold.holdId, hold.cartId, hold.expiresAt, hold.client, hold.now, hold.now);
    for (const level of hold.demand) {
      s.insertLine.run(hold.holdId, level.itemId, level.locationHandle, level.quantity, hold.now);
    }
    return { kind: 'placed' };
  }

  /** Claims every level of the hold, or none and says why. */
  private claim(hold: NewHold): Exclude<NewHoldOutcome, { kind: 'placed' }> | null {
    const [only] = hold.demand;
    if (hold.demand.length === 1 && only) {
      if (this.claimLevel(only, hold.expiresAt)) return null;
      return this.refusal(hold, [only]);
    }

    const short = hold.demand.filter((level) => {
      const basis = this.basisOf(level);
      return !basis || !claimCovers(basis, level.quantity);
    });
    if (short.length > 0) return this.refusal(hold, short);

    for (const level of hold.demand) {
      if (this.claimLevel(level, hold.expiresAt)) continue;
      // The basis was read in this same write transaction: the claim cannot miss it.
      throw new TrueshelfError(
        'internal',
        `the claim of ${level.quantity} at ${level.locationHandle} for ${level.itemId} failed after its check passed`,
        { ...level, expected: 'a claim to succeed where its basis covered it' },
      );
    }
    return null;
  }

  private claimLevel(level: HoldDemand, expiresAt: string): boolean {
    const claim = {
      itemId: level.itemId,
      locationHandle: level.locationHandle,
      quantity: level.quantity,
      expiresAt,
    };
    return this.statements.claim.run(claim).changes === 1;
  }

  /**
   * Why short levels refuse the hold: a short level whose holds may have run out sends it to
   * the general path (released first, then claimed again); else each short level is named.
   */
  private refusal(
    hold: NewHold,
    short: readonly HoldDemand[],
  ): Exclude<NewHoldOutcome, { kind: 'placed' }> {
    const lines: ShortLine[] = [];
    for (const level of short) {
      const basis = this.basisOf(level);
      if (basis && mayHaveExpired(basis, hold.now)) return { kind: 'general', why: 'expiry_due' };
      lines.push({
        item: level.itemId,
        location: level.locationHandle,
        requested: level.quantity,
        sellable: basis ? sellableForClaim(basis) : 0,
      });
    }
    return { kind: 'insufficient_stock', short: lines };
  }

  private basisOf(level: HoldDemand): LevelBasis | undefined {
    return this.statements.levelBasis.get(level.itemId, level.locationHandle) as
      LevelBasis | undefined;
  }
}

function prepare(connection: BetterSqlite3.Database): Statements {
  return {
    cartHasHolds: connection.prepare(
      `SELECT 1 FROM holds WHERE cart_id = ? AND status IN ('active', 'checkout') LIMIT 1`,
    ),
    keyKnown: connection.prepare(
      `SELECT 1 FROM hold_requests WHERE client = ? AND idempotency_key = ?`,
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
    // As `claimHeldUnits`, without the stale mark: the check in the WHERE; the expiry bound
    // as `expiryBoundAfterClaim`.
    claim: connection.prepare(
      `UPDATE levels SET held = held + @quantity,
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
