import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { arbitrateNewHolds, requestKey } from '../../domain/holds/arbitrate-new-holds.js';
import type {
  Arbitration,
  GroupBooks,
  LevelFigures,
} from '../../domain/holds/arbitrate-new-holds.js';
import { levelKey } from '../../domain/holds/hold-demand.js';
import { mayHaveExpired } from '../../domain/holds/level-expiry-bound.js';
import type { Database } from '../../storage/database-schema.js';
import { OPEN_ALERT } from '../decision/read-decision-levels.js';
import type { DecisionLevel } from '../decision/read-decision-levels.js';
import type { KnownBooks } from '../decision/refresh-decision.js';
import { CHANNEL_POLICIES_BODY, channelPoliciesOf } from '../buffers/channel-policies-store.js';
import type { ChannelPolicies } from '../../domain/buffers/index.js';
import { holdsDb } from './holds-database.js';
import { lockFreeLevels, lockLevels } from './lock-levels.js';
import { RetryTransaction } from './write-transaction.js';
import { BUFFER_OF_LEVEL, GROSS_OF_LEVEL } from './level-claim-sql.js';
import type { GroupOutcome, NewHold } from './new-hold.js';

const grossOfLevel = sql.raw(GROSS_OF_LEVEL);
const bufferOfLevel = sql.raw(BUFFER_OF_LEVEL);

/**
 * For the rest of the group's transaction, its decisions too: every statement in it looks a
 * bounded set of rows up by their keys. Two planner habits cost more than the statements:
 *
 * - for a levels table of some ten thousand rows, hashing all of it rather than making fifty
 *   index look-ups: once updates had left dead versions in the table, the group's UPDATE took
 *   5.7 ms, 4 of them hashing every level (the holds bench, after its bare UPDATEs);
 * - compiling a statement (JIT) once its estimated cost passes `jit_above_cost`: as `holds`
 *   grew faster than its statistics, the group's read was estimated at 120,000 and spent 27 ms
 *   compiling itself to run in 1.5 ms, 500 times in a 10-second run.
 *
 * No parameters: sent with the transaction's BEGIN (`inWriteTransaction`'s `settings`).
 */
export const KEY_LOOKUPS_ONLY =
  'SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; SET LOCAL jit = off';

/** A level as the group reads it: what a decision reads (locked), and what the claim checks. */
type GroupLevel = DecisionLevel & { unclaimed: number };

interface BooksRow {
  levels: GroupLevel[] | null;
  carts: string[] | null;
  keys: [string, string][] | null;
  policies: string | null;
}

/**
 * A group of new holds on PostgreSQL, in the caller's transaction (begun with
 * `KEY_LOOKUPS_ONLY`), in a fixed number of statements however many holds: the group's levels
 * locked in lock order (store, then item, `lockLevels`); then read, with what their decisions
 * need (location, computed buffer, open alert, the channel policies), the group's carts that
 * hold and keys seen before (each cart's holds looked up by the cart alone, fenced off by
 * `OFFSET 0` so no plan adds the index by status: with statistics from when `holds` was small,
 * the planner combined both and read every active hold for each cart of the group, 36,600 a
 * look-up on the holds bench's hot item, and the group's rate fell to a quarter); the holds
 * decided one after another (`arbitrateNewHolds`); and one statement writing it all, a
 * conditional UPDATE per level claimed, the check in its WHERE (it holds: the rows are
 * locked), and the keys, holds and lines of the holds placed. Answers the outcomes, and the
 * claimed levels as they now stand, for their decisions (`known`).
 *
 * What another transaction commits meanwhile (the same key, a first hold for the same cart)
 * shows as a key not written or breaks the one-active-hold-per-cart index: the transaction
 * starts again (`RetryTransaction`, or the unique violation, which is retried), and the second
 * time the reads see the committed rows. `decidedAt` is the instant the caller decides the
 * claimed levels at, releasing the holds there that ran out by then.
 */
export async function placeNewHoldsOnPostgres(
  db: Kysely<Database>,
  holds: readonly NewHold[],
  options: { waitForLocks: boolean; decidedAt: string },
): Promise<{ outcomes: GroupOutcome[]; known: KnownBooks }> {
  // Locked first, in a statement of their own: a statement's snapshot is taken before it
  // waits for a lock, so reading in the locking statement would miss what the lock's holder
  // committed (a buffer it decided), and the group would decide from the old figures.
  const levels = holds.flatMap((hold) => hold.demand);
  const locked = options.waitForLocks ? null : await lockFreeLevels(holdsDb(db), levels);
  if (options.waitForLocks) await lockLevels(holdsDb(db), levels);
  const { books, read, channelPolicies } = await readBooks(db, holds);

  // Not waiting: a hold with a level another transaction holds (a row there, not locked here)
  // is answered busy, untouched, and the others are decided without it. So is a hold at a level
  // whose holds may have run out by the group's instant: deciding the level releases them
  // first, which locks their other levels, and one of those may be held elsewhere.
  const busy = (hold: NewHold) =>
    locked !== null &&
    hold.demand.some((level) => {
      const key = levelKey(level);
      const figures = books.levels.get(key);
      if (figures === undefined) return false;
      return !locked.has(key) || mayHaveExpired(figures, options.decidedAt);
    });
  const ready = holds.filter((hold) => !busy(hold));
  const decided = arbitrateNewHolds(ready, books);
  await write(db, ready, decided);

  const outcomes = new Map(ready.map((hold, index) => [hold, decided.outcomes[index]!]));
  return {
    outcomes: holds.map((hold) => outcomes.get(hold) ?? { kind: 'busy' }),
    known: { levels: levelsAfterClaims(read, decided, locked), channelPolicies },
  };
}

/**
 * The claimed levels as they stand after the group's claims, for their decisions in the same
 * transaction (`refreshDecisions` reads them no more): each row as read, locked, with its
 * claim added. Only levels the group locked itself are claimed (a hold at a level locked
 * elsewhere is answered busy), so each row stands until COMMIT.
 */
function levelsAfterClaims(
  read: ReadonlyMap<string, GroupLevel>,
  decided: Arbitration,
  locked: ReadonlySet<string> | null,
): Map<string, DecisionLevel> {
  const levels = new Map<string, DecisionLevel>();
  for (const claim of decided.claims) {
    const key = levelKey(claim);
    const row = read.get(key);
    if (!row || (locked !== null && !locked.has(key))) continue;
    const { unclaimed: _unclaimed, ...level } = row;
    levels.set(key, {
      ...level,
      held: level.held + claim.quantity,
      hold_expiry_bound: claim.hold_expiry_bound,
    });
  }
  return levels;
}

async function readBooks(
  db: Kysely<Database>,
  holds: readonly NewHold[],
): Promise<{ books: GroupBooks; read: Map<string, GroupLevel>; channelPolicies: ChannelPolicies }> {
  const levelItems: string[] = [];
  const levelLocations: string[] = [];
  for (const hold of holds) {
    for (const level of hold.demand) {
      levelItems.push(level.itemId);
      levelLocations.push(level.locationHandle);
    }
  }

  const result = await sql<BooksRow>`
    WITH figures AS (
      SELECT levels.item_id, levels.location_handle, levels.held, levels.hold_expiry_bound,
        ${grossOfLevel} - ${bufferOfLevel} - levels.held AS unclaimed,
        levels.available, levels.placed_safety_stock, levels.placed_reserved, levels.connected,
        COALESCE(lb.buffer_units, location.buffer_units) AS buffer_units,
        location.managed, location.kind, location.mode, ${OPEN_ALERT} AS open_alert
      FROM levels
      JOIN locations location ON location.handle = levels.location_handle
      LEFT JOIN level_buffers lb
        ON lb.item_id = levels.item_id AND lb.location_handle = levels.location_handle
      WHERE (levels.item_id, levels.location_handle) IN (
        SELECT * FROM unnest(CAST(${levelItems} AS text[]), CAST(${levelLocations} AS text[]))))
    SELECT
      (SELECT json_agg(figures) FROM figures) AS levels,
      (SELECT json_agg(DISTINCT c.cart)
        FROM unnest(CAST(${holds.map((h) => h.cartId)} AS text[])) AS c(cart)
        CROSS JOIN LATERAL (SELECT h.status FROM holds h WHERE h.cart_id = c.cart OFFSET 0) AS h
        WHERE h.status IN ('active', 'checkout'))
        AS carts,
      (SELECT json_agg(json_build_array(k.client, k.key))
        FROM unnest(CAST(${holds.map((h) => h.client)} AS text[]),
          CAST(${holds.map((h) => h.idempotencyKey)} AS text[])) AS k(client, key)
        CROSS JOIN LATERAL (SELECT 1 FROM hold_requests r
          WHERE r.client = k.client AND r.idempotency_key = k.key LIMIT 1) AS seen)
        AS keys,
      ${CHANNEL_POLICIES_BODY} AS policies`.execute(db);

  const row = result.rows[0];
  const levels = new Map<string, LevelFigures>();
  const read = new Map<string, GroupLevel>();
  for (const level of row?.levels ?? []) {
    const key = levelKey({ itemId: level.item_id, locationHandle: level.location_handle });
    levels.set(key, {
      held: level.held,
      hold_expiry_bound: level.hold_expiry_bound,
      unclaimed: level.unclaimed,
    });
    read.set(key, level);
  }
  const books = {
    levels,
    busyCarts: new Set(row?.carts ?? []),
    knownKeys: new Set((row?.keys ?? []).map(([client, key]) => requestKey(client, key))),
  };
  return { books, read, channelPolicies: channelPoliciesOf(row?.policies ?? null) };
}

async function write(
  db: Kysely<Database>,
  holds: readonly NewHold[],
  decided: Arbitration,
): Promise<void> {
  const placed = holds.filter((_, index) => decided.outcomes[index]?.kind === 'placed');
  if (placed.length === 0) return;
  const { claims } = decided;
  const lines = placed.flatMap((hold) => hold.demand.map((level) => ({ hold, level })));

  const result = await sql<{ claimed: string; keyed: string }>`
    WITH claimed AS (
      UPDATE levels SET held = levels.held + c.quantity, hold_expiry_bound = c.bound
      FROM unnest(
        CAST(${claims.map((c) => c.itemId)} AS text[]),
        CAST(${claims.map((c) => c.locationHandle)} AS text[]),
        CAST(${claims.map((c) => c.quantity)} AS integer[]),
        CAST(${claims.map((c) => c.hold_expiry_bound)} AS text[])) AS c(item, location, quantity, bound)
      WHERE levels.item_id = c.item AND levels.location_handle = c.location
        AND ${grossOfLevel} - ${bufferOfLevel} - levels.held >= c.quantity
      RETURNING 1),
    keyed AS (
      INSERT INTO hold_requests (client, idempotency_key, fingerprint, hold_id, created_at)
      SELECT * FROM unnest(
        CAST(${placed.map((h) => h.client)} AS text[]),
        CAST(${placed.map((h) => h.idempotencyKey)} AS text[]),
        CAST(${placed.map((h) => h.fingerprint)} AS text[]),
        CAST(${placed.map((h) => h.holdId)} AS text[]),
        CAST(${placed.map((h) => h.now)} AS text[]))
      ON CONFLICT (client, idempotency_key) DO NOTHING
      RETURNING 1),
    held AS (
      INSERT INTO holds (id, cart_id, status, expires_at, created_by, created_at, updated_at)
      SELECT h.id, h.cart, 'active', h.expires, h.client, h.now, h.now FROM unnest(
        CAST(${placed.map((h) => h.holdId)} AS text[]),
        CAST(${placed.map((h) => h.cartId)} AS text[]),
        CAST(${placed.map((h) => h.expiresAt)} AS text[]),
        CAST(${placed.map((h) => h.client)} AS text[]),
        CAST(${placed.map((h) => h.now)} AS text[])) AS h(id, cart, expires, client, now)),
    lined AS (
      INSERT INTO hold_lines (hold_id, item_id, location_handle, quantity, placed_at)
      SELECT * FROM unnest(
        CAST(${lines.map((l) => l.hold.holdId)} AS text[]),
        CAST(${lines.map((l) => l.level.itemId)} AS text[]),
        CAST(${lines.map((l) => l.level.locationHandle)} AS text[]),
        CAST(${lines.map((l) => l.level.quantity)} AS integer[]),
        CAST(${lines.map((l) => l.hold.now)} AS text[])))
    SELECT (SELECT count(*) FROM claimed) AS claimed, (SELECT count(*) FROM keyed) AS keyed`.execute(
    db,
  );

  const counts = result.rows[0];
  if (Number(counts?.keyed) !== placed.length) {
    throw new RetryTransaction(
      'an idempotency key of the group was committed by another transaction',
    );
  }
  if (Number(counts?.claimed) !== claims.length) {
    // The rows are locked and were read after: nothing should have changed them. If something
    // did, the figures were stale; the whole group starts again and reads them afresh.
    throw new RetryTransaction(
      `the claims of a group of holds failed at ${claims.length - Number(counts?.claimed)} of ${claims.length} levels, though their rows were locked and checked`,
    );
  }
}
