import { sql } from 'kysely';
import {
  abandonPush,
  beginPush,
  recordAcceptedPush,
} from '../../channels/shopify/own-move-records.js';
import type { LevelKey } from '../../channels/shopify/own-move-records.js';
import { planMove } from '../../channels/shopify/plan-moves.js';
import type { FreshStates, MoveContext } from '../../channels/shopify/plan-moves.js';
import { sendMove } from '../../channels/shopify/send-move.js';
import type { Clock } from '../../shared/clock.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import { readLevels } from '../../sources/shopify/read-levels.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';
import type { Storage } from '../../storage/storage.js';

export interface LocationRelease {
  handle: string;
  /** Units moved back to available, per state. */
  returned: { safety_stock: number; reserved: number };
  /** Units trueshelf had placed that Shopify no longer shows (moved by hand): struck from its records. */
  writtenOff: number;
  /** Levels whose move Shopify refused or that stayed busy: run release again. */
  failed: { itemId: string; reason: string }[];
}

export interface ReleaseOptions {
  clock: Clock;
  sleep?: (ms: number) => Promise<void>;
}

const PER_QUERY = 50;
const ATTEMPTS = 4;

/**
 * Returns every unit trueshelf placed in `safety_stock` or `reserved` at a location to
 * `available`, and switches the location to shadow first, so the publisher places nothing new
 * meanwhile. Each move is min(placed, what a fresh read shows), through the publisher's own
 * plan, send and record steps (`changeFromQuantity`, an idempotency key, the ledger record).
 */
export async function releaseLocation(
  storage: Storage,
  client: ShopifyAdminClient,
  handle: string,
  options: ReleaseOptions,
): Promise<LocationRelease> {
  const location = await storage.db
    .selectFrom('locations')
    .select(['handle', 'shopify_location_id'])
    .where('handle', '=', handle)
    .executeTakeFirst();
  if (!location)
    throw new TrueshelfError('unknown_location', `no location "${handle}" in the registry`, {
      handle,
    });

  await storage.db
    .updateTable('locations')
    .set({ mode: 'shadow' })
    .where('handle', '=', handle)
    .execute();

  const release: LocationRelease = {
    handle,
    returned: { safety_stock: 0, reserved: 0 },
    writtenOff: 0,
    failed: [],
  };
  if (!location.shopify_location_id) return release;

  const levels = await storage.db
    .selectFrom('levels')
    .innerJoin('items', 'items.id', 'levels.item_id')
    .select(['levels.item_id as itemId', 'items.shopify_inventory_item_id as shopifyItemId'])
    .where('levels.location_handle', '=', handle)
    .where((eb) =>
      eb.or([eb('levels.placed_safety_stock', '>', 0), eb('levels.placed_reserved', '>', 0)]),
    )
    .execute();

  for (let start = 0; start < levels.length; start += PER_QUERY) {
    for (const level of levels.slice(start, start + PER_QUERY)) {
      if (!level.shopifyItemId) continue;
      const ctx: MoveContext = {
        itemId: level.itemId,
        locationHandle: handle,
        shopifyItemId: level.shopifyItemId,
        shopifyLocationId: location.shopify_location_id,
        outboxVersion: 0,
        holdId: null,
      };
      await releaseLevel(storage, client, ctx, release, options);
    }
  }
  return release;
}

/** Every handle in the registry with units trueshelf placed, released one after another. */
export async function releaseAll(
  storage: Storage,
  client: ShopifyAdminClient,
  options: ReleaseOptions,
): Promise<LocationRelease[]> {
  const rows = await storage.db
    .selectFrom('locations')
    .select('handle')
    .where('shopify_location_id', 'is not', null)
    .orderBy('handle')
    .execute();
  const releases: LocationRelease[] = [];
  for (const row of rows)
    releases.push(await releaseLocation(storage, client, row.handle, options));
  return releases;
}

async function releaseLevel(
  storage: Storage,
  client: ShopifyAdminClient,
  ctx: MoveContext,
  release: LocationRelease,
  options: ReleaseOptions,
): Promise<void> {
  const key: LevelKey = { itemId: ctx.itemId, locationHandle: ctx.locationHandle };
  const sleep = options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));

  for (const state of ['reserved', 'safety_stock'] as const) {
    let outcome = 'pending';
    for (let attempt = 0; attempt < ATTEMPTS && outcome === 'pending'; attempt += 1) {
      outcome = await returnState(storage, client, ctx, key, state, release, options.clock);
      if (outcome === 'pending') await sleep(50 * (attempt + 1));
    }
    if (outcome === 'pending')
      release.failed.push({ itemId: ctx.itemId, reason: `${state}: still busy or stale` });
    else if (outcome !== 'done') release.failed.push({ itemId: ctx.itemId, reason: outcome });
  }
}

/** One state of one level: 'done', 'pending' (retry: busy or stale) or the refusal's text. */
async function returnState(
  storage: Storage,
  client: ShopifyAdminClient,
  ctx: MoveContext,
  key: LevelKey,
  state: 'safety_stock' | 'reserved',
  release: LocationRelease,
  clock: Clock,
): Promise<string> {
  const placedColumn = state === 'safety_stock' ? 'placed_safety_stock' : 'placed_reserved';
  const row = await storage.db
    .selectFrom('levels')
    .select([placedColumn])
    .where('item_id', '=', key.itemId)
    .where('location_handle', '=', key.locationHandle)
    .executeTakeFirst();
  const placed = row ? Number((row as Record<string, number>)[placedColumn]) : 0;
  if (placed <= 0) return 'done';

  const { reads } = await readLevels(client, [
    { shopifyItemId: ctx.shopifyItemId, shopifyLocationId: ctx.shopifyLocationId },
  ]);
  const fresh = reads[0];
  if (!fresh) return 'the level is no longer stocked in Shopify';
  const states: FreshStates = {
    available: fresh.quantities.available,
    safety_stock: fresh.quantities.safety_stock,
    reserved: fresh.quantities.reserved,
  };

  const units = Math.min(placed, Math.max(0, states[state]));
  if (units < placed) {
    // Someone moved our units out by hand: they cannot come back, so our record of them goes.
    const struck = await storage.db
      .updateTable('levels')
      .set({ [placedColumn]: sql<number>`${sql.ref(placedColumn)} - ${placed - units}` })
      .where('item_id', '=', key.itemId)
      .where('location_handle', '=', key.locationHandle)
      .where(placedColumn, '=', placed)
      .where('in_flight_push', 'is', null)
      .executeTakeFirst();
    if (Number(struck.numUpdatedRows) !== 1) return 'pending';
    release.writtenOff += placed - units;
  }
  if (units === 0) return 'done';

  const push = await beginPush(
    storage,
    key,
    planMove(ctx, state, -units, states),
    clock().toISOString(),
  );
  if (!push) return 'pending';

  // An unanswered move may have been applied: only the same key may go again, never a new one.
  let result = await sendMove(client, push.key, push.move.input);
  for (
    let resend = 1;
    resend < ATTEMPTS && (result.kind === 'unknown' || result.kind === 'busy');
    resend += 1
  ) {
    result = await sendMove(client, push.key, push.move.input);
  }

  switch (result.kind) {
    case 'applied':
      await recordAcceptedPush(storage, key, push, clock().toISOString());
      release.returned[state] += units;
      return 'done';
    case 'stale':
    case 'key_failed':
      await abandonPush(storage, key, push, result.kind, result.message);
      return 'pending';
    case 'busy':
    case 'unknown':
      return `${state}: Shopify did not answer; the move stays in flight under its key (${result.message})`;
    case 'rejected':
      await abandonPush(storage, key, push, 'rejected', result.message);
      return `${state}: ${result.message}`;
  }
}
