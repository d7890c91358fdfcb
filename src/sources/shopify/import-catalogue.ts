import type { ChannelModes } from '../../engine/decision/refresh-decision.js';
import { applyLevelRead } from '../../engine/ledger/apply-level-read.js';
import { ensureLocation } from '../../engine/registry/ensure-mirrored-entities.js';
import { snapshotVersions, versionKey } from '../../engine/mirror/snapshot-versions.js';
import { quantityNames } from '../../domain/quantities/level-quantities.js';
import type { Clock } from '../../shared/clock.js';
import { numericId } from '../../shared/shopify-gid.js';
import type { Storage } from '../../storage/storage.js';
import { tagsOf } from './bulk/to-export-records.js';
import type { ShopifyLevelRead } from './read-levels.js';
import type { ShopifyAdminClient } from './shopify-admin-client.js';

const LOCATIONS_QUERY = `query ImportLocations($after: String) {
  locations(first: 100, after: $after, includeInactive: true) {
    nodes { id name isActive fulfillsOnlineOrders localPickupSettingsV2 { pickupTime } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const VARIANTS_QUERY = `query ImportVariants($after: String) {
  productVariants(first: 6, after: $after) {
    nodes {
      id sku barcode inventoryPolicy price displayName
      product { tags }
      inventoryItem {
        id tracked
        inventoryLevels(first: 50) {
          nodes { location { id name } quantities(names: ${JSON.stringify(quantityNames)}) { name quantity updatedAt } }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

export interface ImportProgress {
  locations: number;
  items: number;
  levels: number;
}

/**
 * Copies locations, items and every quantity state of every level from Shopify through paged
 * queries (small shops; a bulk operation is the path for large ones). Each level goes through
 * the ledger like any re-read, so a repeat import records only real differences.
 */
export async function importCatalogue(
  storage: Storage,
  client: ShopifyAdminClient,
  options: { clock: Clock; modes: ChannelModes; onProgress?: (p: ImportProgress) => void },
): Promise<ImportProgress> {
  const progress: ImportProgress = { locations: 0, items: 0, levels: 0 };
  const now = () => options.clock().toISOString();

  for (let after: string | null = null, more = true; more;) {
    const page: { data: { locations: Page<RawLocation> } } = await client.request(
      'import_locations',
      LOCATIONS_QUERY,
      { after },
      102,
    );
    for (const location of page.data.locations.nodes) {
      const id = numericId(location.id);
      if (!id) continue;
      const { handle } = await ensureLocation(storage.db, id, location.name, now());
      await storage.db
        .updateTable('locations')
        .set({
          active: location.isActive ? 1 : 0,
          fulfills_online: location.fulfillsOnlineOrders ? 1 : 0,
        })
        .where('handle', '=', handle)
        .execute();
      progress.locations += 1;
    }
    ({ more, after } = next(page.data.locations));
  }

  for (let after: string | null = null, more = true; more;) {
    // Up to 50 locations per item fit one page under the 1,000-point cap; larger chains need the
    // bulk operation (issue 3), which this paged import does not replace.
    const page: { data: { productVariants: Page<RawVariant> } } = await client.request(
      'import_variants',
      VARIANTS_QUERY,
      { after },
      950,
    );
    const reads: ShopifyLevelRead[] = [];

    for (const variant of page.data.productVariants.nodes) {
      const itemId = numericId(variant.inventoryItem?.id);
      if (!itemId || !variant.inventoryItem) continue;
      await upsertVariantItem(storage, itemId, variant, now());
      progress.items += 1;
      for (const level of variant.inventoryItem.inventoryLevels.nodes) {
        const read = toRead(itemId, variant, level);
        if (read) reads.push(read);
      }
    }

    const versions = await snapshotVersions(storage, reads);
    for (const read of reads) {
      const expected = versions.get(versionKey(read.shopifyItemId, read.shopifyLocationId)) ?? null;
      await storage.db
        .transaction()
        .execute((trx) =>
          applyLevelRead(trx, read, expected, { now: now(), signalAt: null, modes: options.modes }),
        );
      progress.levels += 1;
    }

    options.onProgress?.({ ...progress });
    ({ more, after } = next(page.data.productVariants));
  }

  return progress;
}

interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface RawLocation {
  id: string;
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
}

interface RawVariant {
  id: string;
  sku: string | null;
  barcode: string | null;
  inventoryPolicy: string | null;
  price: string | null;
  displayName: string | null;
  product?: { tags?: unknown } | null;
  inventoryItem: {
    id: string;
    tracked: boolean;
    inventoryLevels: {
      nodes: {
        location: { id: string; name: string };
        quantities: { name: string; quantity: number; updatedAt: string | null }[];
      }[];
    };
  } | null;
}

function next<T>(page: Page<T>): { more: boolean; after: string | null } {
  return { more: page.pageInfo.hasNextPage, after: page.pageInfo.endCursor };
}

function toRead(
  itemId: string,
  variant: RawVariant,
  level: NonNullable<RawVariant['inventoryItem']>['inventoryLevels']['nodes'][number],
): ShopifyLevelRead | null {
  const locationId = numericId(level.location.id);
  if (!locationId) return null;
  const quantities = Object.fromEntries(
    quantityNames.map((n) => [n, 0]),
  ) as ShopifyLevelRead['quantities'];
  const updatedAt: ShopifyLevelRead['updatedAt'] = {};
  for (const q of level.quantities) {
    if (!(quantityNames as readonly string[]).includes(q.name)) continue;
    quantities[q.name as keyof typeof quantities] = q.quantity;
    if (q.updatedAt) updatedAt[q.name as keyof typeof quantities] = q.updatedAt;
  }
  return {
    shopifyItemId: itemId,
    shopifyLocationId: locationId,
    locationName: level.location.name,
    item: {
      sku: variant.sku,
      tracked: variant.inventoryItem?.tracked ?? true,
      variantId: numericId(variant.id),
    },
    quantities,
    updatedAt,
  };
}

async function upsertVariantItem(
  storage: Storage,
  shopifyItemId: string,
  variant: RawVariant,
  now: string,
): Promise<void> {
  const priceCents =
    variant.price !== null && Number.isFinite(Number(variant.price))
      ? Math.round(Number(variant.price) * 100)
      : null;
  const values = {
    sku: variant.sku,
    barcode: variant.barcode,
    title: variant.displayName,
    shopify_variant_id: numericId(variant.id),
    tracked: variant.inventoryItem?.tracked === false ? 0 : 1,
    inventory_policy: variant.inventoryPolicy,
    price_cents: priceCents,
    tags: JSON.stringify(tagsOf(variant.product?.tags)),
    updated_at: now,
  };
  await storage.db
    .insertInto('items')
    .values({
      id: `si-${shopifyItemId}`,
      shopify_inventory_item_id: shopifyItemId,
      category: null,
      cost_cents: null,
      deleted_at: null,
      ...values,
    })
    .onConflict((oc) => oc.column('shopify_inventory_item_id').doUpdateSet(values))
    .execute();
}
