import type { Clock } from '../../shared/clock.js';
import { numericId } from '../../shared/shopify-gid.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';
import type { Storage } from '../../storage/storage.js';
import { ensureLocation } from '../registry/ensure-mirrored-entities.js';
import { onboardingDb } from './onboarding-database.js';

const LOCATIONS_QUERY = `query OnboardLocations($after: String) {
  locations(first: 100, after: $after, includeInactive: true) {
    nodes { id name isActive fulfillsOnlineOrders localPickupSettingsV2 { pickupTime } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** A registry entry that Shopify cannot fill and a person must: time zone, Google store code. */
export interface MissingRegistryFact {
  handle: string;
  shopifyLocationId: string;
  missing: ('time_zone' | 'google_store_code')[];
}

/**
 * Fills the location registry from Shopify: a location the config does not name is registered
 * unmanaged and in shadow; active and online fulfilment are Shopify's facts, pickup is kept
 * apart in `shopify_location_facts` because the config's pickup setting wins in the registry.
 */
export async function importShopLocations(
  storage: Storage,
  client: ShopifyAdminClient,
  clock: Clock,
): Promise<{ locations: number; missing: MissingRegistryFact[] }> {
  const now = clock().toISOString();
  const db = onboardingDb(storage.db);
  const missing: MissingRegistryFact[] = [];
  let locations = 0;

  for (let after: string | null = null, more = true; more;) {
    const page: { data: { locations: LocationPage } } = await client.request(
      'onboard_locations',
      LOCATIONS_QUERY,
      { after },
      102,
    );

    for (const location of page.data.locations.nodes) {
      const id = numericId(location.id);
      if (!id) continue;
      const { handle } = await ensureLocation(storage.db, id, location.name, now);
      await storage.db
        .updateTable('locations')
        .set({
          active: location.isActive ? 1 : 0,
          fulfills_online: location.fulfillsOnlineOrders ? 1 : 0,
        })
        .where('handle', '=', handle)
        .execute();

      const facts = {
        name: location.name,
        active: location.isActive ? 1 : 0,
        fulfills_online: location.fulfillsOnlineOrders ? 1 : 0,
        pickup_offered: location.localPickupSettingsV2 ? 1 : 0,
        pickup_time: location.localPickupSettingsV2?.pickupTime ?? null,
        read_at: now,
      };
      await db
        .insertInto('shopify_location_facts')
        .values({ shopify_location_id: id, ...facts })
        .onConflict((oc) => oc.column('shopify_location_id').doUpdateSet(facts))
        .execute();

      const gaps = await registryGaps(storage, handle);
      if (gaps.length > 0) missing.push({ handle, shopifyLocationId: id, missing: gaps });
      locations += 1;
    }

    more = page.data.locations.pageInfo.hasNextPage;
    after = page.data.locations.pageInfo.endCursor;
  }

  return { locations, missing };
}

/** Shopify has no time zone per location and no Google store code: only the config does. */
async function registryGaps(
  storage: Storage,
  handle: string,
): Promise<MissingRegistryFact['missing']> {
  const row = await storage.db
    .selectFrom('locations')
    .select(['time_zone', 'google_store_code', 'kind'])
    .where('handle', '=', handle)
    .executeTakeFirst();
  if (!row) return [];

  const gaps: MissingRegistryFact['missing'] = [];
  if (!row.time_zone) gaps.push('time_zone');
  if (!row.google_store_code && row.kind === 'store') gaps.push('google_store_code');
  return gaps;
}

interface LocationPage {
  nodes: {
    id: string;
    name: string;
    isActive: boolean;
    fulfillsOnlineOrders: boolean;
    localPickupSettingsV2: { pickupTime: string } | null;
  }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
