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

/** One part of the setup and how the check came out on it. */
export interface SetupPart {
  readonly part: string;
  readonly outcome: 'passed' | 'failed' | 'not_checked';
  /** What was looked at, or why it was not. */
  readonly detail: string;
}

export interface CollectedSetup {
  readonly report: GoogleSetupReport;
  /**
   * Every part of the setup, checked or not: a report with no findings vouches only for the
   * parts checked, so the ones not checked are listed too.
   */
  readonly parts: readonly SetupPart[];
}

const NOT_FOUND = 5;
const PROBES_AT_ONCE = 8;
const DEFAULT_PROBE_LIMIT = 200;

/**
 * Gathers what `checkGoogleSetup` judges from the database (items, stores) and, when an account
 * is configured, from Merchant Center. Listing a product's local inventories answers NOT_FOUND
 * when the product does not exist, which is how products are looked up without the separate
 * products client; that client is also what would tell destinations, so they are not judged.
 * Nor is the Cloud project's registration: no call here tells it.
 */
export async function collectGoogleSetup(
  db: Kysely<Database>,
  settings: GoogleSettings,
  options: CollectSetupOptions = {},
): Promise<CollectedSetup> {
  const mapper = new GoogleRowMapper(settings);

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

  const lookup = await productsFor(items, options);
  // Without the Business Profile's codes, the configured ones stand in and every code passes.
  const registryStoreCodes =
    options.registryStoreCodes ?? locations.flatMap((l) => (l.storeCode ? [l.storeCode] : []));

  const report = checkGoogleSetup({
    items,
    products: lookup.products,
    registryStoreCodes,
    locations,
  });
  const parts: SetupPart[] = [
    judged(
      'offer ids',
      report.itemsWithoutOfferId.length,
      `all ${items.length} item(s) map to one`,
      `${report.itemsWithoutOfferId.length} of ${items.length} item(s) have none`,
    ),
    ...productParts(lookup, report, options),
    {
      part: 'product destinations',
      outcome: 'not_checked',
      detail: 'needs the Merchant API products client (@google-shopping/products)',
    },
    judged(
      'store codes',
      report.locationsWithoutStoreCode.length,
      `all ${locations.length} store(s) have one`,
      `${report.locationsWithoutStoreCode.length} of ${locations.length} store(s) have none`,
    ),
    storeCodeRegistryPart(locations, report, options.registryStoreCodes),
    {
      part: 'Cloud project registration',
      outcome: 'not_checked',
      detail:
        'each Cloud project must do the Merchant API one-time developer registration ' +
        '(registerGcp) before any v1 call works',
    },
  ];
  return { report, parts };
}

/** A part checked: passed when nothing failed it, each outcome with its own sentence. */
function judged(part: string, failing: number, passed: string, failed: string): SetupPart {
  return failing === 0
    ? { part, outcome: 'passed', detail: passed }
    : { part, outcome: 'failed', detail: failed };
}

interface ProductLookup {
  readonly products: SetupProduct[];
  /** Items with an offer id asked about in Merchant Center; null when none could be. */
  readonly lookedUp: number | null;
  readonly notLookedUp: number;
}

function productParts(
  lookup: ProductLookup,
  report: GoogleSetupReport,
  options: CollectSetupOptions,
): SetupPart[] {
  const part = 'Merchant Center products';
  if (lookup.lookedUp === null) {
    return [
      {
        part,
        outcome: 'not_checked',
        detail: 'no Merchant Center account and endpoint configured',
      },
    ];
  }

  const missing = report.itemsWithoutProduct.length;
  const parts = [
    judged(
      part,
      missing,
      `all ${lookup.lookedUp} item(s) looked up have one`,
      `${missing} of ${lookup.lookedUp} item(s) looked up have none`,
    ),
  ];
  if (lookup.notLookedUp > 0) {
    parts.push({
      part,
      outcome: 'not_checked',
      detail: `${lookup.notLookedUp} more item(s) past --probe-limit ${options.probeLimit ?? DEFAULT_PROBE_LIMIT}`,
    });
  }
  return parts;
}

function storeCodeRegistryPart(
  locations: readonly { storeCode?: string }[],
  report: GoogleSetupReport,
  given: readonly string[] | undefined,
): SetupPart {
  const part = 'store codes in the Business Profile';
  if (!given) {
    return {
      part,
      outcome: 'not_checked',
      detail: "Google's store codes not given: pass --store-codes",
    };
  }

  const configured = locations.filter((l) => l.storeCode).length;
  const unknown = report.storeCodesNotInRegistry.length;
  return judged(
    part,
    unknown,
    `all ${configured} configured are among the ${given.length} given by --store-codes`,
    `${unknown} of ${configured} configured are not among the ${given.length} given by --store-codes`,
  );
}

async function productsFor(
  items: readonly SetupItem[],
  options: CollectSetupOptions,
): Promise<ProductLookup> {
  const mapped = items.filter((item): item is SetupItem & ProductKey => Boolean(item.offerId));
  // Destinations need the products client; assuming local keeps the check from crying wolf.
  const assumed = (item: ProductKey): SetupProduct => ({
    contentLanguage: item.contentLanguage,
    feedLabel: item.feedLabel,
    offerId: item.offerId,
    destinations: [...localDestinations],
  });
  if (!options.merchant) {
    return { products: mapped.map(assumed), lookedUp: null, notLookedUp: mapped.length };
  }

  const limit = options.probeLimit ?? DEFAULT_PROBE_LIMIT;
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

  return { products: found, lookedUp: probed.length, notLookedUp: mapped.length - probed.length };
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
