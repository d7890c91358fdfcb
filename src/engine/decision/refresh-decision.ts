import type { Kysely } from 'kysely';
import { decideSellable } from '../../domain/decision/decide-sellable.js';
import type { Decision } from '../../domain/decision/decide-sellable.js';
import type { ChannelPolicies } from '../../domain/buffers/index.js';
import { heldShortfall } from '../../domain/holds/held-shortfall.js';
import { compareLevels, levelKey } from '../../domain/holds/hold-demand.js';
import type { Database } from '../../storage/database-schema.js';
import type { LevelKey } from '../../storage/level-keys.js';
import { holdsDb } from '../holds/holds-database.js';
import { activeChannelPolicies } from '../buffers/channel-policies-store.js';
import { mayHaveExpired } from '../../domain/holds/level-expiry-bound.js';
import { releaseExpiredHolds } from '../holds/release-expired-holds.js';
import { resolveHeldShortfalls, reviewHeldShortfall } from '../holds/review-held-shortfall.js';
import type { PushTarget } from '../outbox/enqueue-push.js';
import { enqueueGoogleTarget } from '../../channels/google/enqueue-google-target.js';
import type { GoogleSettings } from '../../channels/google/google-settings.js';
import { readDecisionLevels } from './read-decision-levels.js';
import { storeDecisionsWithPushes } from './store-decisions-with-pushes.js';
import type { DecisionLevel } from './read-decision-levels.js';

export interface ChannelModes {
  shopify: 'shadow' | 'publish';
  google: 'shadow' | 'publish';
  /** The Google channel's settings; without them no Google target is queued. */
  googleSettings?: GoogleSettings;
}

/** What a caller of `refreshDecisions` read in its transaction, so that it is not read again. */
export interface KnownBooks {
  levels: ReadonlyMap<string, DecisionLevel>;
  channelPolicies: ChannelPolicies;
}

/** A level to decide, and what the caller already did to its holds in this transaction. */
export interface DecisionRequest extends LevelKey {
  /** The caller changed the level's holds: its held units are checked against gross. */
  holdsChanged?: boolean;
  /** The caller released the level's holds expired by `now`: no need to look again. */
  expiryReleased?: boolean;
}

/**
 * Recomputes the one stored decision of a level and hands every channel its value derived from
 * it: `refreshDecisions` for one level.
 */
export async function refreshDecision(
  db: Kysely<Database>,
  key: LevelKey,
  modes: ChannelModes,
  signalAt: string | null,
  now: string,
  options: { holdsChanged?: boolean; expiryReleased?: boolean } = {},
): Promise<Decision | null> {
  const decided = await refreshDecisions(db, [{ ...key, ...options }], modes, signalAt, now);
  return decided.get(levelKey(key)) ?? null;
}

/**
 * Recomputes the stored decision of each level named and hands every channel its value derived
 * from it, with a fixed number of statements however many levels there are: one read, one
 * write of the decisions, one of the Shopify pushes, one for the alerts that are over. Shopify
 * gets a push only for a managed store in publish mode whose targets differ from what trueshelf
 * placed; a store or channel in shadow records the decision and sends nothing.
 *
 * Live holds are a level's `held` units. Holds of a level that expired by `now` are released
 * first, in the caller's transaction, so an expired hold stops counting the moment a decision
 * reads the level; the other levels those holds covered are decided too. A level with holds
 * (or whose holds changed) is checked for held units sold from under them. Returns the
 * decisions by `levelKey`; a level that does not exist has none.
 *
 * `known`: what the caller has already read in this transaction (a group of new holds, which
 * reads its levels to claim them): those levels, locked, as they stand now, and the channel
 * policies in force. They are not read again.
 */
export async function refreshDecisions(
  db: Kysely<Database>,
  requests: readonly DecisionRequest[],
  modes: ChannelModes,
  signalAt: string | null,
  now: string,
  known?: KnownBooks,
): Promise<Map<string, Decision>> {
  const wanted = distinct(requests);
  if (wanted.size === 0) return new Map();

  const { levels, releasedAt } = await readAfterExpiry(
    db,
    [...wanted.values()],
    now,
    known?.levels,
  );

  // Each channel's policy from the rules in force: Shopify's shapes the safety_stock target
  // here; Google's and the API's are applied to the stored sellable where they are sent.
  const policies = known?.channelPolicies ?? (await activeChannelPolicies(db));
  const decided: Decided[] = [];
  for (const [key, request] of wanted) {
    const row = levels.get(key);
    if (!row) continue;
    const managed = row.managed === 1 && row.kind === 'store';
    const decision = decideSellable({
      available: row.connected ? row.available : 0,
      placedSafetyStock: row.placed_safety_stock,
      placedReserved: row.placed_reserved,
      buffer: row.buffer_units,
      liveHolds: row.held,
      managed,
      ...(policies['shopify'] ? { shopifyPolicy: policies['shopify'] } : {}),
    });
    decided.push({ key: request, row, managed, decision, expired: releasedAt.has(key) });
  }

  await handToGoogle(db, decided, modes, policies, signalAt, now);
  await storeDecisionsWithPushes(db, decided, shopifyPushes(decided, modes, signalAt), now);
  await reviewHolds(db, decided, now);

  const result = new Map(decided.map((entry) => [levelKey(entry.key), entry.decision]));
  const others = [...releasedAt.values()].filter((level) => !wanted.has(levelKey(level)));
  if (others.length > 0) {
    const more = others.map((level) => ({ ...level, holdsChanged: true }));
    for (const [key, decision] of await refreshDecisions(db, more, modes, signalAt, now)) {
      result.set(key, decision);
    }
  }
  return result;
}

interface Decided {
  key: DecisionRequest;
  row: DecisionLevel;
  managed: boolean;
  decision: Decision;
  /** A hold at this level expired and was released by this refresh. */
  expired: boolean;
}

/** The requests, one per level, in lock order (the last of several for a level counts). */
function distinct(requests: readonly DecisionRequest[]): Map<string, DecisionRequest> {
  const sorted = [...requests].sort(compareLevels);
  const byKey = new Map<string, DecisionRequest>();
  for (const request of sorted) {
    const earlier = byKey.get(levelKey(request));
    byKey.set(levelKey(request), {
      itemId: request.itemId,
      locationHandle: request.locationHandle,
      holdsChanged: (earlier?.holdsChanged ?? false) || (request.holdsChanged ?? false),
      expiryReleased: (earlier?.expiryReleased ?? true) && (request.expiryReleased ?? false),
    });
  }
  return byKey;
}

/**
 * Reads the levels, releasing first the holds that ran out at any of them. A released hold may
 * have had lines at other levels, named among those read too: every level a release touched is
 * read again afterwards. Returns the levels by key and the levels whose held units a release
 * lowered (named or not).
 */
async function readAfterExpiry(
  db: Kysely<Database>,
  requests: readonly DecisionRequest[],
  now: string,
  known?: ReadonlyMap<string, DecisionLevel>,
): Promise<{ levels: Map<string, DecisionLevel>; releasedAt: Map<string, LevelKey> }> {
  const unread = known ? requests.filter((request) => !known.has(levelKey(request))) : requests;
  const levels = await readDecisionLevels(db, unread);
  for (const request of requests) {
    const row = known?.get(levelKey(request));
    if (row) levels.set(levelKey(request), row);
  }
  const releasedAt = new Map<string, LevelKey>();

  for (const request of requests) {
    const row = levels.get(levelKey(request));
    if (!row || request.expiryReleased || !mayHaveExpired(row, now)) continue;
    const released = await releaseExpiredHolds(holdsDb(db), { level: request }, now);
    for (const level of released.levels) releasedAt.set(levelKey(level), level);
  }
  if (releasedAt.size === 0) return { levels, releasedAt };

  const reread = requests.filter((request) => releasedAt.has(levelKey(request)));
  for (const [key, row] of await readDecisionLevels(db, reread)) levels.set(key, row);
  return { levels, releasedAt };
}

/** Google's target per level (Google's targets read no decision: stored after them). */
async function handToGoogle(
  db: Kysely<Database>,
  decided: readonly Decided[],
  modes: ChannelModes,
  policies: Awaited<ReturnType<typeof activeChannelPolicies>>,
  signalAt: string | null,
  now: string,
): Promise<void> {
  if (!modes.googleSettings) return;
  for (const { key, decision } of decided) {
    await enqueueGoogleTarget(db, {
      itemId: key.itemId,
      locationHandle: key.locationHandle,
      decision,
      settings: { ...modes.googleSettings, mode: modes.google },
      ...(policies['google'] ? { rulesPolicy: policies['google'] } : {}),
      signalAt,
      now,
    });
  }
}

/**
 * Shopify's pushes: a managed store in publish mode whose targets differ from what trueshelf
 * placed there.
 */
function shopifyPushes(
  decided: readonly Decided[],
  modes: ChannelModes,
  signalAt: string | null,
): PushTarget[] {
  if (modes.shopify !== 'publish') return [];
  const pushes: PushTarget[] = [];
  for (const { key, row, managed, decision } of decided) {
    const needsMove =
      decision.targetSafetyStock !== row.placed_safety_stock ||
      decision.targetReserved !== row.placed_reserved;
    if (!managed || row.mode !== 'publish' || !needsMove) continue;
    pushes.push({
      channel: 'shopify',
      itemId: key.itemId,
      locationHandle: key.locationHandle,
      target: { safetyStock: decision.targetSafetyStock, reserved: decision.targetReserved },
      signalAt,
    });
  }
  return pushes;
}

/**
 * Levels with holds, or whose holds changed, are checked for held units sold from under them:
 * a shortfall raises or raises the count of the level's alert; the open alerts of levels whose
 * gross covers their holds again are resolved, all in one statement (none when none is open).
 */
async function reviewHolds(
  db: Kysely<Database>,
  decided: readonly Decided[],
  now: string,
): Promise<void> {
  const covered: LevelKey[] = [];
  for (const { key, row, decision, expired } of decided) {
    const reviewed = key.holdsChanged || expired || row.held > 0 || row.placed_reserved > 0;
    if (!reviewed) continue;
    if (heldShortfall(decision.gross, row.held) === 0) {
      if (row.open_alert === 1) covered.push(key);
      continue;
    }
    await reviewHeldShortfall(holdsDb(db), key, { gross: decision.gross, held: row.held }, now);
  }
  await resolveHeldShortfalls(holdsDb(db), covered, now);
}
