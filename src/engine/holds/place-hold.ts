import { timeOrderedId } from '../../shared/time-ordered-id.js';
import { instantAfter } from '../../domain/holds/hold-clock.js';
import { levelKey, sumHoldDemand } from '../../domain/holds/hold-demand.js';
import type { HoldDemand, HoldLineRequest } from '../../domain/holds/hold-demand.js';
import type { ShortLine } from '../../domain/holds/new-hold-outcome.js';
import type { Storage } from '../../storage/storage.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import { claimHeldUnits, unclaimedAt } from './held-units.js';
import type { LevelRef } from './held-units.js';
import { holdsDb } from './holds-database.js';
import type { HoldsDb } from './holds-database.js';
import { readHold } from './hold-view.js';
import type { HoldView } from './hold-view.js';
import { refreshLevels } from './refresh-levels.js';
import { releaseExpiredHolds } from './release-expired-holds.js';
import { takeBackCartHold } from './take-back-cart-hold.js';
import { levelsPlacementTouches, lockLevels } from './lock-levels.js';
import { NewHoldQueue } from './new-hold-queue.js';
import { inWriteTransaction } from './write-transaction.js';

export interface PlaceHoldRequest {
  /** The API client; idempotency keys are its own. */
  client: string;
  idempotencyKey: string;
  /** `requestFingerprint` of the body. */
  fingerprint: string;
  cartId: string;
  lines: readonly HoldLineRequest[];
  ttlSeconds: number;
  /** The lines' SKUs by item id, as resolved: a new hold is answered without reading it back. */
  skus?: ReadonlyMap<string, string | null>;
}

export type { ShortLine };

export type PlaceHoldResult =
  /**
   * `unsettled`: the levels the claim marked stale, to be decided after COMMIT (none when they
   * were decided in the hold's own transaction). Named by the claim, not by the hold as read
   * later: another request of the cart may have replaced the hold's lines since.
   */
  | { kind: 'placed'; hold: HoldView; replaced: boolean; unsettled: LevelRef[] }
  | { kind: 'replayed'; hold: HoldView }
  | { kind: 'idempotency_mismatch'; holdId: string }
  | { kind: 'insufficient_stock'; short: ShortLine[] };

/**
 * Places the cart's hold, all lines or none. A cart's first hold, the usual request, is placed
 * by the new-hold step, grouped with the other first holds that arrive meanwhile, its levels
 * decided in the same transaction (`NewHoldQueue`). Whatever that step leaves to it takes the
 * general path, in one transaction: expired holds at the levels and of the cart stop counting
 * first; the cart's own live hold gives its units back (a cart holding again replaces its
 * claim, never adds a second); the hold's rows are written; each level's summed demand is
 * claimed by one conditional UPDATE; if any level is short, everything rolls back, the old
 * hold included, and the answer names each short level.
 *
 * On the general path the claim comes last: from it to COMMIT the level's row is locked
 * (PostgreSQL), and every other hold on that item waits. So the claimed levels are not decided
 * there: the claim marks them stale, durably, and the caller has the stale-level refresher
 * decide them after COMMIT, one decision for all the claims that came meanwhile. Levels only
 * the take-back or the expiry touched are decided in the transaction (they are not the
 * claim's, and are few).
 */
export async function placeHold(
  storage: Storage,
  request: PlaceHoldRequest,
  context: { modes: ChannelModes; now: Date },
): Promise<PlaceHoldResult> {
  const now = context.now.toISOString();
  const expiresAt = instantAfter(context.now, request.ttlSeconds);
  const demand = sumHoldDemand(request.lines);

  // Most requests are a cart's first hold: placed in one step, without the reads below.
  const newHoldId = timeOrderedId();
  const fresh = await NewHoldQueue.of(storage, context.modes).place({
    holdId: newHoldId,
    cartId: request.cartId,
    client: request.client,
    idempotencyKey: request.idempotencyKey,
    fingerprint: request.fingerprint,
    demand,
    now,
    expiresAt,
  });
  if (fresh.kind === 'insufficient_stock') return fresh;
  if (fresh.kind === 'placed') {
    const hold = await placedView(
      holdsDb(storage.db),
      newHoldId,
      false,
      request,
      demand,
      context.now,
    );
    return { kind: 'placed', hold, replaced: false, unsettled: [] };
  }

  return inWriteTransaction<PlaceHoldResult>(storage, async (trx) => {
    const db = holdsDb(trx);

    const earlier = await earlierAnswer(db, request, context.now);
    if (earlier) return { commit: false, value: earlier };

    // PostgreSQL: every level this transaction may change, locked in order before the first.
    let locked: ReadonlySet<string> | null = null;
    if (storage.supportsRowLocks) {
      const touched = await levelsPlacementTouches(db, request.cartId, demand, now);
      await lockLevels(db, touched);
      locked = new Set(touched.map(levelKey));
    }

    const touched: LevelRef[] = [];
    for (const level of demand) {
      touched.push(...(await releaseExpiredHolds(db, { level }, now)).levels);
    }

    const previous = await takeBackCartHold(db, request.cartId, now, locked);
    touched.push(...previous.levels);

    const replaced = previous.holdId !== null;
    const holdId = previous.holdId ?? timeOrderedId();
    await writeHold(db, holdId, request, demand, { replacing: replaced, now, expiresAt });

    const short = await claimDemand(db, demand, expiresAt);
    if (short.length > 0) return { commit: false, value: { kind: 'insufficient_stock', short } };

    const claimed = new Set(demand.map(levelKey));
    const others = touched.filter((level) => !claimed.has(levelKey(level)));
    if (others.length > 0) await refreshLevels(trx, others, context.modes, now);

    // Read in the transaction: once it commits, the cart's next request may replace the lines.
    const hold = await placedView(db, holdId, replaced, request, demand, context.now);
    const unsettled = demand.map((level) => ({
      itemId: level.itemId,
      locationHandle: level.locationHandle,
    }));
    return { commit: true, value: { kind: 'placed', hold, replaced, unsettled } };
  });
}

/**
 * The hold as placed: built from what was written when the request brought its SKUs and the
 * hold is new; read back when it replaced an earlier one (its creation time is the first's).
 */
async function placedView(
  db: HoldsDb,
  holdId: string,
  replaced: boolean,
  request: PlaceHoldRequest,
  demand: readonly HoldDemand[],
  at: Date,
): Promise<HoldView> {
  if (!replaced && request.skus) {
    const now = at.toISOString();
    const expiresAt = instantAfter(at, request.ttlSeconds);
    return newHoldView(holdId, request, demand, { now, expiresAt, skus: request.skus });
  }

  const hold = await readHold(db, holdId, at);
  if (!hold) throw new Error(`hold ${holdId} vanished right after it was written`);
  return hold;
}

/** A hold just written, as `readHold` would show it: its rows are exactly these values. */
function newHoldView(
  holdId: string,
  request: PlaceHoldRequest,
  demand: readonly HoldDemand[],
  written: { now: string; expiresAt: string; skus: ReadonlyMap<string, string | null> },
): HoldView {
  return {
    id: holdId,
    cartId: request.cartId,
    status: 'active',
    expiresAt: written.expiresAt,
    graceUntil: null,
    orderId: null,
    endReason: null,
    createdAt: written.now,
    updatedAt: written.now,
    endedAt: null,
    lines: demand.map((level) => ({
      item: level.itemId,
      sku: written.skus.get(level.itemId) ?? null,
      location: level.locationHandle,
      quantity: level.quantity,
    })),
  };
}

/**
 * The answer to a request whose key the client used before: the hold it placed (a replay), or
 * a mismatch when the body differs. Null when the key is new. Asked inside the general path's
 * transaction, and by a placement about to refuse (an unknown item, a policy changed since),
 * so that a replay is answered as the first request was, whatever changed since.
 */
export async function earlierAnswer(
  db: HoldsDb,
  request: Pick<PlaceHoldRequest, 'client' | 'idempotencyKey' | 'fingerprint'>,
  now: Date,
): Promise<Extract<PlaceHoldResult, { kind: 'replayed' | 'idempotency_mismatch' }> | null> {
  const earlier = await db
    .selectFrom('hold_requests')
    .select(['fingerprint', 'hold_id'])
    .where('client', '=', request.client)
    .where('idempotency_key', '=', request.idempotencyKey)
    .executeTakeFirst();
  if (!earlier) return null;

  if (earlier.fingerprint !== request.fingerprint) {
    return { kind: 'idempotency_mismatch', holdId: earlier.hold_id };
  }
  const hold = await readHold(db, earlier.hold_id, now);
  if (!hold) throw new Error(`idempotency key names hold ${earlier.hold_id}, which does not exist`);
  return { kind: 'replayed', hold };
}

async function claimDemand(
  db: HoldsDb,
  demand: readonly HoldDemand[],
  expiresAt: string,
): Promise<ShortLine[]> {
  const short: ShortLine[] = [];
  for (const level of demand) {
    if (await claimHeldUnits(db, level, level.quantity, expiresAt)) continue;
    short.push({
      item: level.itemId,
      location: level.locationHandle,
      requested: level.quantity,
      sellable: await unclaimedAt(db, level),
    });
  }
  return short;
}

async function writeHold(
  db: HoldsDb,
  holdId: string,
  request: PlaceHoldRequest,
  demand: readonly HoldDemand[],
  at: { replacing: boolean; now: string; expiresAt: string },
): Promise<void> {
  const { now, expiresAt } = at;

  if (at.replacing) {
    await db
      .updateTable('holds')
      .set({ expires_at: expiresAt, updated_at: now })
      .where('id', '=', holdId)
      .execute();
  } else {
    // The partial unique index allows one active hold per cart: a concurrent first hold for
    // the same cart fails here and its transaction reruns as a replacement.
    await db
      .insertInto('holds')
      .values({
        id: holdId,
        cart_id: request.cartId,
        status: 'active',
        expires_at: expiresAt,
        grace_until: null,
        order_id: null,
        end_reason: null,
        created_by: request.client,
        created_at: now,
        updated_at: now,
        ended_at: null,
      })
      .execute();
  }

  await db
    .insertInto('hold_lines')
    .values(
      demand.map((level) => ({
        hold_id: holdId,
        item_id: level.itemId,
        location_handle: level.locationHandle,
        quantity: level.quantity,
        placed_at: now,
        left_at: null,
      })),
    )
    .execute();

  await db
    .insertInto('hold_requests')
    .values({
      client: request.client,
      idempotency_key: request.idempotencyKey,
      fingerprint: request.fingerprint,
      hold_id: holdId,
      created_at: now,
    })
    .execute();
}
