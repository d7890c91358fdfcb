import type { Storage } from '../../storage/storage.js';
import { onboardingDb } from './onboarding-database.js';

export type PreflightCode =
  | 'continue_selling'
  | 'untracked'
  | 'no_online_fulfilment'
  | 'pickup_not_offered'
  | 'pickup_without_online_fulfilment'
  | 'not_read_from_shopify';

export interface PreflightWarning {
  code: PreflightCode;
  location: string | null;
  /** How many items it concerns, with a few SKUs to look at. */
  items: number;
  sample: string[];
  message: string;
}

/**
 * Where a buffer or a hold would not protect what the retailer expects, from what the last sync
 * read from Shopify: variants that sell past zero online (CONTINUE) or are not tracked, and
 * managed stores whose online fulfilment or pickup settings leave the buffer protecting only
 * the Google listing. Run after `syncShop`.
 */
export async function preflightShop(storage: Storage): Promise<PreflightWarning[]> {
  const warnings: PreflightWarning[] = [];
  const db = onboardingDb(storage.db);

  const continuing = await itemsWhere(storage, 'CONTINUE');
  if (continuing.length > 0) {
    warnings.push({
      code: 'continue_selling',
      location: null,
      items: continuing.length,
      sample: continuing.slice(0, 5),
      message: `${continuing.length} tracked variants continue selling when out of stock: the online store sells them past zero, so a buffer or hold cannot stop an online oversell`,
    });
  }
  const untracked = await itemsWhere(storage, 'untracked');
  if (untracked.length > 0) {
    warnings.push({
      code: 'untracked',
      location: null,
      items: untracked.length,
      sample: untracked.slice(0, 5),
      message: `${untracked.length} variants are not tracked: Shopify counts no stock for them and sells them without limit`,
    });
  }

  const stores = await db
    .selectFrom('locations')
    .leftJoin(
      'shopify_location_facts as f',
      'f.shopify_location_id',
      'locations.shopify_location_id',
    )
    .select([
      'locations.handle',
      'locations.buffer_units',
      'locations.pickup_enabled',
      'f.fulfills_online',
      'f.pickup_offered',
      'f.read_at',
    ])
    .where('locations.managed', '=', 1)
    .where('locations.kind', '=', 'store')
    .orderBy('locations.handle')
    .execute();

  for (const store of stores) {
    const at = (code: PreflightCode, message: string) =>
      warnings.push({ code, location: store.handle, items: 0, sample: [], message });
    if (store.read_at === null) {
      at(
        'not_read_from_shopify',
        `${store.handle}: Shopify's settings for this store were not read; run \`trueshelf sync shopify\``,
      );
      continue;
    }
    if (store.fulfills_online === 0 && store.pickup_offered === 1) {
      at(
        'pickup_without_online_fulfilment',
        `${store.handle}: offers local pickup but does not fulfil online orders, so Shopify offers no pickup there; turn on "Fulfill online orders from this location"`,
      );
    } else if (store.fulfills_online === 0) {
      at(
        'no_online_fulfilment',
        `${store.handle}: does not fulfil online orders: its buffer and holds protect only the Google listing and the API, not the online store`,
      );
    }
    if (store.pickup_enabled === 1 && store.pickup_offered === 0) {
      at(
        'pickup_not_offered',
        `${store.handle}: the config says pickup, but Shopify has local pickup off there: holds for pickup cannot be collected through Shopify checkout`,
      );
    }
  }
  return warnings;
}

async function itemsWhere(storage: Storage, kind: 'CONTINUE' | 'untracked'): Promise<string[]> {
  let query = storage.db.selectFrom('items').select(['id', 'sku']).where('deleted_at', 'is', null);
  query =
    kind === 'CONTINUE'
      ? query.where('tracked', '=', 1).where('inventory_policy', '=', 'CONTINUE')
      : query.where('tracked', '=', 0);
  const rows = await query.orderBy('sku').execute();
  return rows.map((r) => r.sku ?? r.id);
}
