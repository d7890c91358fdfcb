import type { ProductKey } from './local-inventory-row.js';

/*
 * The preflight for `trueshelf feed google --check`: what would make Google drop or refuse the
 * inventory, found before anything is sent. Local inventory attaches to an existing product
 * (`contentLanguage~feedLabel~offerId`), its store code must be one Google knows for the linked
 * Business Profile (case-sensitive), and the product must target a local destination.
 */
export interface SetupItem {
  readonly itemId: string;
  readonly sku?: string;
  /** The mapped offer id; absent when the mapping lacked a value (a blank SKU, say). */
  readonly offerId?: string;
  readonly contentLanguage: string;
  readonly feedLabel: string;
}

export interface SetupProduct extends ProductKey {
  /** Its destinations, e.g. SHOPPING_ADS, LOCAL_INVENTORY_ADS, FREE_LOCAL_LISTINGS. */
  readonly destinations: readonly string[];
}

export interface SetupLocation {
  readonly handle: string;
  readonly storeCode?: string;
}

export interface GoogleSetupInput {
  readonly items: readonly SetupItem[];
  /** The products Merchant Center holds for the account. */
  readonly products: readonly SetupProduct[];
  /** The store codes Google knows (the Business Profile locations linked to the account). */
  readonly registryStoreCodes: readonly string[];
  /** trueshelf's locations that would publish to Google. */
  readonly locations: readonly SetupLocation[];
  /** Whether the Cloud project has done the Merchant API's one-time developer registration. */
  readonly cloudProjectRegistered?: boolean;
}

export interface GoogleSetupReport {
  readonly ok: boolean;
  readonly itemsWithoutOfferId: readonly SetupItem[];
  readonly itemsWithoutProduct: readonly (SetupItem & { readonly offerId: string })[];
  readonly locationsWithoutStoreCode: readonly SetupLocation[];
  readonly storeCodesNotInRegistry: readonly (SetupLocation & {
    readonly storeCode: string;
    readonly nearMatch?: string;
  })[];
  readonly productsNotLocal: readonly SetupProduct[];
  /** One line per finding, then the reminders, for a person to read. */
  readonly lines: readonly string[];
}

export const localDestinations = ['LOCAL_INVENTORY_ADS', 'FREE_LOCAL_LISTINGS'] as const;
const SHOPIFY_APP_ID = /^shopify_[A-Z]{2}_\d+_\d+$/;

export function checkGoogleSetup(input: GoogleSetupInput): GoogleSetupReport {
  const products = new Map(input.products.map((p) => [productKey(p), p]));
  const registry = new Set(input.registryStoreCodes);
  const byLowerCase = new Map(input.registryStoreCodes.map((code) => [code.toLowerCase(), code]));

  const itemsWithoutOfferId = input.items.filter((item) => !item.offerId);
  const mapped = input.items.filter((item): item is SetupItem & { offerId: string } =>
    Boolean(item.offerId),
  );
  const itemsWithoutProduct = mapped.filter((item) => !products.has(productKey(item)));

  const matched = new Map<string, SetupProduct>();
  for (const item of mapped) {
    const product = products.get(productKey(item));
    if (product) matched.set(productKey(product), product);
  }
  const productsNotLocal = [...matched.values()].filter(
    (product) =>
      !product.destinations.some((d) => (localDestinations as readonly string[]).includes(d)),
  );

  const locationsWithoutStoreCode = input.locations.filter((l) => !l.storeCode);
  const storeCodesNotInRegistry = input.locations
    .filter(
      (l): l is SetupLocation & { storeCode: string } =>
        Boolean(l.storeCode) && !registry.has(l.storeCode ?? ''),
    )
    .map((l) => {
      const nearMatch = byLowerCase.get(l.storeCode.trim().toLowerCase());
      return nearMatch ? { ...l, nearMatch } : l;
    });

  const findings =
    itemsWithoutOfferId.length +
    itemsWithoutProduct.length +
    locationsWithoutStoreCode.length +
    storeCodesNotInRegistry.length +
    productsNotLocal.length;
  const report = {
    itemsWithoutOfferId,
    itemsWithoutProduct,
    locationsWithoutStoreCode,
    storeCodesNotInRegistry,
    productsNotLocal,
  };
  return {
    ok: findings === 0 && input.cloudProjectRegistered !== false,
    ...report,
    lines: describe(report, input),
  };
}

function describe(
  report: Omit<GoogleSetupReport, 'ok' | 'lines'>,
  input: GoogleSetupInput,
): string[] {
  const lines: string[] = [];
  for (const item of report.itemsWithoutOfferId) {
    lines.push(
      `item ${item.itemId}${item.sku ? ` (SKU ${item.sku})` : ''}: no offer id; the offer-id template needs a value this item lacks`,
    );
  }
  for (const item of report.itemsWithoutProduct) {
    lines.push(
      `item ${item.itemId}: no Merchant Center product ${item.contentLanguage}~${item.feedLabel}~${item.offerId}`,
    );
  }
  const appIds = input.products.filter((p) => SHOPIFY_APP_ID.test(p.offerId)).length;
  if (
    report.itemsWithoutProduct.length > 0 &&
    appIds > 0 &&
    !report.itemsWithoutProduct.some((i) => SHOPIFY_APP_ID.test(i.offerId))
  ) {
    lines.push(
      `${appIds} product(s) have ids like shopify_US_<product>_<variant> from Google's Shopify app: try the template shopify_{country}_{productId}_{variantId}`,
    );
  }
  for (const location of report.locationsWithoutStoreCode) {
    lines.push(`location ${location.handle}: no Google store code configured`);
  }
  for (const location of report.storeCodesNotInRegistry) {
    const hint = location.nearMatch
      ? `; Google has '${location.nearMatch}' (store codes are case-sensitive and exact)`
      : '';
    lines.push(
      `location ${location.handle}: store code '${location.storeCode}' is not a Business Profile store code Google knows${hint}`,
    );
  }
  for (const product of report.productsNotLocal) {
    lines.push(
      `product ${productKey(product)}: targets ${product.destinations.join(', ') || 'no destination'}, not ${localDestinations.join(' or ')}`,
    );
  }

  // Unknown (undefined), the registration is a part not checked, which the caller lists.
  if (input.cloudProjectRegistered === false) {
    lines.push(
      'the Cloud project is not registered with the Merchant API: no v1 call works until it is',
    );
  }
  return lines;
}

function productKey(key: ProductKey): string {
  return `${key.contentLanguage}~${key.feedLabel}~${key.offerId}`;
}
