import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.js';
import { checkGoogleSetup, localDestinations } from './check-google-setup.js';
import type { GoogleSetupReport, SetupItem, SetupProduct } from './check-google-setup.js';
import type { GoogleLocalInventoryPublisher } from './google-local-inventory-publisher.js';
import { GoogleRowMapper } from './google-row-mapper.js';
import type { GoogleSettings } from './google-settings.js';
import type { ProductKey } from './local-inventory-row.js';

export interface CollectSetupOptions {
  /** Asks Merchant Center whether each product exists; absent, products are not checked. */
  readonly merchant?: Pick<GoogleLocalInventoryPublisher, 'list'>;
  /** At most this many products are asked about (each is one API call). */
  readonly probeLimit?: number;
  /** The Business Profile store codes; absent, store codes are not checked against them. */
  readonly registryStoreCodes?: readonly string[];
}

export interface CollectedSetup {
  readonly report: GoogleSetupReport;
  /** What the check could not look at, for a person to read after the findings. */
  readonly notes: readonly string[];
}

const NOT_FOUND = 5;
const PROBES_AT_ONCE = 8;

/**
 * Gathers what `checkGoogleSetup` judges from the database (items, stores) and, when an account
 * is configured, from Merchant Center. Listing a product's local inventories answers NOT_FOUND
 * when the product does not exist, which is how products are looked up without the separate
 * products client; that client is also what would tell destinations, so they are not judged.
 */
export async function collectGoogleSetup(
  db: Kysely<Database>,
  settings: GoogleSettings,
  options: CollectSetupOptions = {},
): Promise<CollectedSetup> {
  const mapper = new GoogleRowMapper(settings);
  const notes: string[] = [];

  const itemRows = await db
    .selectFrom('items')
    .select(['id', 'sku', 'barcode', 'shopify_variant_id'])
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  const items: SetupItem[] = itemRows.map((item) => {
    const product = mapper.productFor(item);
    const base = {
      itemId: item.id,
      contentLanguage: settings.contentLanguage,
      feedLabel: settings.feedLabel,
    };
    return {
      ...base,
      ...(item.sku ? { sku: item.sku } : {}),
      ...(product.ok ? { offerId: product.product.offerId } : {}),
    };
  });

  const locationRows = await db
    .selectFrom('locations')
    .select(['handle', 'google_store_code'])
    .where('kind', '=', 'store')
    .where('active', '=', 1)
    .orderBy('handle')
    .execute();
  const locations = locationRows.map((l) => ({
    handle: l.handle,
    ...(l.google_store_code ? { storeCode: l.google_store_code } : {}),
  }));

  const products = await productsFor(items, options, notes);
  let registryStoreCodes = options.registryStoreCodes;
  if (!registryStoreCodes) {
    registryStoreCodes = locations.flatMap((l) => (l.storeCode ? [l.storeCode] : []));
    notes.push('store codes not checked against the Business Profile: pass --store-codes');
  }

  const report = checkGoogleSetup({ items, products, registryStoreCodes, locations });
  return { report, notes };
}

async function productsFor(
  items: readonly SetupItem[],
  options: CollectSetupOptions,
  notes: string[],
): Promise<SetupProduct[]> {
  const mapped = items.filter((item): item is SetupItem & ProductKey => Boolean(item.offerId));
  // Destinations need the products client; assuming local keeps the check from crying wolf.
  const assumed = (item: ProductKey): SetupProduct => ({
    contentLanguage: item.contentLanguage,
    feedLabel: item.feedLabel,
    offerId: item.offerId,
    destinations: [...localDestinations],
  });
  if (!options.merchant) {
    notes.push('products not checked: no Merchant Center account and endpoint configured');
    return mapped.map(assumed);
  }

  const limit = options.probeLimit ?? 200;
  const probed = mapped.slice(0, limit);
  const found: SetupProduct[] = mapped.slice(limit).map(assumed);
  const merchant = options.merchant;

  for (let at = 0; at < probed.length; at += PROBES_AT_ONCE) {
    const batch = probed.slice(at, at + PROBES_AT_ONCE);
    const exists = await Promise.all(batch.map((item) => productExists(merchant, item)));
    batch.forEach((item, index) => {
      if (exists[index]) found.push(assumed(item));
    });
  }

  if (mapped.length > limit) {
    notes.push(`products checked for ${limit} of ${mapped.length} items (raise --probe-limit)`);
  }
  notes.push(
    'product destinations not checked: that needs the Merchant API products client ' +
      '(@google-shopping/products)',
  );
  return found;
}

async function productExists(
  merchant: Pick<GoogleLocalInventoryPublisher, 'list'>,
  product: ProductKey,
): Promise<boolean> {
  try {
    await merchant.list(product);
    return true;
  } catch (thrown) {
    const code = (thrown as { code?: unknown } | null)?.code;
    if (code === NOT_FOUND) return false;
    throw thrown;
  }
}
