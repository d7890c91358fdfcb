import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { decideSellable } from '../../domain/decision/decide-sellable.js';
import type { Decision } from '../../domain/decision/decide-sellable.js';
import type { Database } from '../../storage/database-schema.js';
import type { LevelRef } from '../holds/held-units.js';
import { holdsDb } from '../holds/holds-database.js';
import { velocityDb } from '../velocity/velocity-database.js';
import { activeChannelPolicies } from '../buffers/channel-policies-store.js';
import { mayHaveExpired, releaseExpiredHolds } from '../holds/release-expired-holds.js';
import { reviewHeldShortfall } from '../holds/review-held-shortfall.js';
import { enqueuePush } from '../outbox/enqueue-push.js';
import { enqueueGoogleTarget } from '../../channels/google/enqueue-google-target.js';
import type { GoogleSettings } from '../../channels/google/google-settings.js';

export interface ChannelModes {
  shopify: 'shadow' | 'publish';
  google: 'shadow' | 'publish';
  /** The Google channel's settings; without them no Google target is queued. */
  googleSettings?: GoogleSettings;
}

/**
 * Recomputes the one stored decision of a level and hands every channel its value derived from
 * it. Shopify gets a push only for a managed store in publish mode whose targets differ from
 * what trueshelf placed; a store or channel in shadow records the decision and sends nothing.
 *
 * Live holds are the level's `held` units. Holds of the level that expired by `now` are
 * released first, in the caller's transaction, so an expired hold stops counting the moment a
 * decision reads the level; the other levels those holds covered are decided again too. A
 * level with holds (or whose holds just changed) is checked for held units sold from under
 * them; `holdsChanged` says the caller changed its holds; `expiryReleased` says the caller
 * already released the level's holds expired by `now`, in this transaction.
 */
export async function refreshDecision(
  db: Kysely<Database>,
  key: { itemId: string; locationHandle: string },
  modes: ChannelModes,
  signalAt: string | null,
  now: string,
  options: { holdsChanged?: boolean; expiryReleased?: boolean } = {},
): Promise<Decision | null> {
  const decided = await decideLevel(db, key, modes, signalAt, now, {
    holdsChanged: options.holdsChanged ?? false,
    expiryReleased: options.expiryReleased ?? false,
  });

  for (const other of otherLevels(decided.expired, key)) {
    await decideLevel(db, other, modes, signalAt, now, {
      holdsChanged: true,
      expiryReleased: false,
    });
  }
  return decided.decision;
}

async function decideLevel(
  db: Kysely<Database>,
  key: LevelRef,
  modes: ChannelModes,
  signalAt: string | null,
  now: string,
  options: { holdsChanged: boolean; expiryReleased: boolean },
): Promise<{ decision: Decision | null; expired: LevelRef[] }> {
  const { holdsChanged } = options;
  let row = await readLevel(db, key);
  if (!row) return { decision: null, expired: [] };

  // `held` is the sum of the level's live hold lines: only then can one of them have expired,
  // and not before the level's expiry bound. A caller that released the level's expired holds at `now` in this transaction says so
  // (`expiryReleased`): looking again would find none.
  let expired: LevelRef[] = [];
  if (!options.expiryReleased && mayHaveExpired(row, now)) {
    const released = await releaseExpiredHolds(holdsDb(db), { level: key }, now);
    if (released.released > 0) {
      expired = released.levels;
      row = (await readLevel(db, key)) ?? row;
    }
  }

  // Each channel's policy from the rules in force: Shopify's shapes the safety_stock target
  // here; Google's and the API's are applied to the stored sellable where they are sent.
  const policies = await activeChannelPolicies(db);
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

  await storeDecision(db, key, decision, now);

  if (modes.googleSettings) {
    await enqueueGoogleTarget(db, {
      ...key,
      decision,
      settings: { ...modes.googleSettings, mode: modes.google },
      ...(policies['google'] ? { rulesPolicy: policies['google'] } : {}),
      signalAt,
      now,
    });
  }
  if (holdsChanged || expired.length > 0 || row.held > 0 || row.placed_reserved > 0) {
    await reviewHeldShortfall(holdsDb(db), key, { gross: decision.gross, held: row.held }, now);
  }

  const needsMove =
    decision.targetSafetyStock !== row.placed_safety_stock ||
    decision.targetReserved !== row.placed_reserved;
  if (managed && row.mode === 'publish' && modes.shopify === 'publish' && needsMove) {
    await enqueuePush(
      db,
      {
        channel: 'shopify',
        itemId: key.itemId,
        locationHandle: key.locationHandle,
        target: { safetyStock: decision.targetSafetyStock, reserved: decision.targetReserved },
        signalAt,
      },
      now,
    );
  }

  return { decision, expired };
}

// The buffer is the level's computed one (velocity and the rules), else the location's setting.
function readLevel(db: Kysely<Database>, key: LevelRef) {
  return velocityDb(db)
    .selectFrom('levels')
    .innerJoin('locations', 'locations.handle', 'levels.location_handle')
    .leftJoin('level_buffers as lb', (join) =>
      join
        .onRef('lb.item_id', '=', 'levels.item_id')
        .onRef('lb.location_handle', '=', 'levels.location_handle'),
    )
    .select([
      'levels.available',
      'levels.placed_safety_stock',
      'levels.placed_reserved',
      'levels.connected',
      'levels.held',
      'levels.hold_expiry_bound',
      sql<number>`COALESCE(lb.buffer_units, locations.buffer_units)`.as('buffer_units'),
      'locations.managed',
      'locations.kind',
      'locations.mode',
    ])
    .where('levels.item_id', '=', key.itemId)
    .where('levels.location_handle', '=', key.locationHandle)
    .executeTakeFirst();
}

function otherLevels(levels: readonly LevelRef[], key: LevelRef): LevelRef[] {
  const seen = new Set<string>([JSON.stringify([key.itemId, key.locationHandle])]);
  return levels.filter((level) => {
    const id = JSON.stringify([level.itemId, level.locationHandle]);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

async function storeDecision(
  db: Kysely<Database>,
  key: { itemId: string; locationHandle: string },
  decision: Decision,
  now: string,
): Promise<void> {
  const values = {
    gross: decision.gross,
    buffer: decision.buffer,
    held: decision.held,
    sellable: decision.sellable,
    target_safety_stock: decision.targetSafetyStock,
    target_reserved: decision.targetReserved,
    computed_at: now,
  };
  await db
    .insertInto('decisions')
    .values({ item_id: key.itemId, location_handle: key.locationHandle, version: 1, ...values })
    .onConflict((oc) =>
      oc.columns(['item_id', 'location_handle']).doUpdateSet((eb) => ({
        ...values,
        version: eb('decisions.version', '+', 1),
      })),
    )
    .execute();
}
