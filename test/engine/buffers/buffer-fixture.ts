import type { BufferRulesFile } from '../../../src/domain/buffers/index.js';
import { BufferRecomputeWorker } from '../../../src/engine/buffers/buffer-recompute-worker.js';
import { saveBufferRules } from '../../../src/engine/buffers/buffer-rules-store.js';
import { bufferSettingsSchema } from '../../../src/engine/buffers/buffer-settings.js';
import type { ChannelModes } from '../../../src/engine/decision/refresh-decision.js';
import { velocityDb } from '../../../src/engine/velocity/velocity-database.js';
import { googleSettingsSchema } from '../../../src/channels/google/google-settings.js';
import type { ManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { Storage } from '../../../src/storage/storage.js';

/** Shopify and Google both publishing, so a buffer change has two channels to reach. */
export const publishingModes: ChannelModes = {
  shopify: 'publish',
  google: 'publish',
  googleSettings: googleSettingsSchema.parse({
    mode: 'publish',
    merchantAccountId: '123456',
    accessToken: 'test-access-token',
  }),
};

export interface StoreSeed {
  handle: string;
  timeZone: string | null;
  bufferUnits?: number;
  googleStoreCode?: string | null;
}

/** A managed store in publish mode and its sales history start. */
export async function seedStore(
  storage: Storage,
  store: StoreSeed,
  salesSince: string | null,
): Promise<void> {
  const db = velocityDb(storage.db);
  await db
    .insertInto('locations')
    .values({
      handle: store.handle,
      name: store.handle,
      kind: 'store',
      time_zone: store.timeZone,
      google_store_code: store.googleStoreCode ?? null,
      shopify_location_id: null,
      netsuite_id: null,
      managed: 1,
      mode: 'publish',
      buffer_units: store.bufferUnits ?? 0,
      pickup_enabled: 1,
      pickup_time_hours: 2,
      fulfills_online: 1,
      active: 1,
      origin: 'config',
      updated_at: '2026-01-01T00:00:00.000Z',
    })
    .execute();
  if (salesSince !== null) {
    await db
      .insertInto('location_sales_history')
      .values({ location_handle: store.handle, sales_since: salesSince })
      .execute();
  }
}

/** An item and its level at a store: `available` units on hand, nothing placed yet. */
export async function seedItemAt(
  storage: Storage,
  item: { id: string; sku: string | null; category: string | null },
  location: string,
  available: number,
): Promise<void> {
  const db = storage.db;
  await db
    .insertInto('items')
    .values({
      id: item.id,
      sku: item.sku,
      category: item.category,
      tracked: 1,
      updated_at: '2026-01-01T00:00:00.000Z',
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await db
    .insertInto('levels')
    .values({
      item_id: item.id,
      location_handle: location,
      on_hand: available,
      available,
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
    })
    .execute();
}

/** A recorded sale (negative: a refund) at an instant. */
export async function recordSale(
  storage: Storage,
  sale: { ref: string; item: string; location: string; quantity: number; at: string },
): Promise<void> {
  await velocityDb(storage.db)
    .insertInto('sales')
    .values({
      source_ref: sale.ref,
      item_id: sale.item,
      location_handle: sale.location,
      quantity: sale.quantity,
      occurred_at: sale.at,
      local_day: null,
      source: 'test',
      recorded_at: sale.at,
    })
    .execute();
}

export async function useRules(storage: Storage, rules: BufferRulesFile, clock: ManualClock) {
  await saveBufferRules(storage.db, rules, { source: 'api', now: clock.now() });
}

export function recomputeWorker(
  storage: Storage,
  clock: ManualClock,
  settings: Record<string, unknown> = {},
  modes: ChannelModes = publishingModes,
): BufferRecomputeWorker {
  return new BufferRecomputeWorker({
    storage,
    settings: bufferSettingsSchema.parse({ windowDays: 7, minCountedDays: 3, ...settings }),
    modes,
    clock: clock.now,
    logger: silentLogger(),
  });
}

export async function outboxRows(storage: Storage, item: string, location: string) {
  return storage.db
    .selectFrom('outbox')
    .select(['channel', 'target', 'target_version', 'status'])
    .where('item_id', '=', item)
    .where('location_handle', '=', location)
    .orderBy('channel')
    .execute();
}
