import type { Kysely } from 'kysely';
import type { Database } from '../../../src/storage/database-schema.js';
import type { Storage } from '../../../src/storage/storage.js';
import { velocityDb } from '../../../src/engine/velocity/velocity-database.js';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { HoldService } from '../../../src/engine/holds/hold-service.js';
import { holdPolicySchema } from '../../../src/domain/holds/hold-policy.js';
import type { ManualClock } from '../../../src/shared/clock.js';
import type { VelocityLookup } from '../../../src/domain/holds/hold-eligibility.js';

export const T0 = '2026-06-01T12:00:00.000Z';
export const modes = { shopify: 'publish', google: 'shadow' } as const;

export interface LevelSeed {
  item: string;
  sku?: string | null;
  category?: string | null;
  /** The product's tags, as the sync stores them. */
  tags?: string[];
  location: string;
  available: number;
  bufferUnits?: number;
  managed?: boolean;
  kind?: 'store' | 'warehouse';
  shopifyItemId?: string;
  shopifyLocationId?: string;
}

/** A location, an item and its level there, as a first read would have left them. */
export async function seedLevel(storage: Storage, seed: LevelSeed): Promise<void> {
  const db = holdsDb(storage.db);
  await db
    .insertInto('locations')
    .values({
      handle: seed.location,
      name: seed.location,
      kind: seed.kind ?? 'store',
      time_zone: 'America/New_York',
      google_store_code: null,
      shopify_location_id: seed.shopifyLocationId ?? null,
      netsuite_id: null,
      managed: seed.managed === false ? 0 : 1,
      mode: 'publish',
      buffer_units: seed.bufferUnits ?? 0,
      pickup_enabled: 1,
      pickup_time_hours: 2,
      fulfills_online: 1,
      active: 1,
      origin: 'config',
      updated_at: T0,
    })
    .onConflict((oc) => oc.column('handle').doNothing())
    .execute();
  await db
    .insertInto('items')
    .values({
      id: seed.item,
      sku: seed.sku === undefined ? `SKU-${seed.item}` : seed.sku,
      barcode: null,
      title: null,
      shopify_inventory_item_id: seed.shopifyItemId ?? null,
      shopify_variant_id: null,
      tracked: 1,
      inventory_policy: 'deny',
      category: seed.category ?? null,
      tags: JSON.stringify(seed.tags ?? []),
      price_cents: null,
      cost_cents: null,
      deleted_at: null,
      updated_at: T0,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await db
    .insertInto('levels')
    .values({
      item_id: seed.item,
      location_handle: seed.location,
      on_hand: Math.max(0, seed.available),
      available: seed.available,
      committed: 0,
      reserved: 0,
      safety_stock: 0,
      damaged: 0,
      quality_control: 0,
      incoming: 0,
      placed_safety_stock: 0,
      placed_reserved: 0,
      connected: 1,
      version: 1,
      in_flight_push: null,
      read_at: T0,
      changed_at: T0,
    })
    .execute();
}

/**
 * A level's computed buffer (`level_buffers`), as a buffer recompute stores it: the buffer a
 * decision and a claim use there instead of the location's.
 */
export async function seedLevelBuffer(
  db: Kysely<Database>,
  level: { item: string; location: string; bufferUnits: number },
): Promise<void> {
  await velocityDb(db)
    .insertInto('level_buffers')
    .values({
      item_id: level.item,
      location_handle: level.location,
      buffer_units: level.bufferUnits,
      rule_key: 'test',
      basis_units_per_day: null,
      set_at: T0,
      proposed_units: null,
      units_per_day: null,
      velocity_source: null,
      window_first_day: null,
      window_last_day: null,
      window_days: null,
      change_reason: 'test',
      explanation: 'test',
      computed_at: T0,
    })
    .execute();
}

export function holdService(
  storage: Storage,
  clock: ManualClock,
  policy: Record<string, unknown> = {},
  velocity?: VelocityLookup,
): HoldService {
  return new HoldService({
    storage,
    policy: holdPolicySchema.parse(policy),
    modes,
    clock: clock.now,
    ...(velocity ? { velocity } : {}),
  });
}

export async function heldAt(storage: Storage, item: string, location: string): Promise<number> {
  const row = await holdsDb(storage.db)
    .selectFrom('levels')
    .select('held')
    .where('item_id', '=', item)
    .where('location_handle', '=', location)
    .executeTakeFirstOrThrow();
  return row.held;
}

export async function sellableAt(storage: Storage, item: string, location: string) {
  const row = await storage.db
    .selectFrom('decisions')
    .select(['sellable', 'held', 'target_reserved'])
    .where('item_id', '=', item)
    .where('location_handle', '=', location)
    .executeTakeFirst();
  return row ?? null;
}

let keys = 0;
/** A fresh Idempotency-Key per call. */
export function nextKey(): string {
  keys += 1;
  return `key-${keys}`;
}
