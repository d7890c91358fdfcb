import type { ChannelPolicy } from '../../domain/buffers/channel-policy.js';
import type { DecisionTable, ItemTable, LocationTable } from '../../storage/database-schema.js';
import type { GoogleSettings } from './google-settings.js';
import { googleQuantityFor, googleThresholds } from './google-target.js';
import type { LocalInventoryRow, ProductKey } from './local-inventory-row.js';
import { mapLocalInventoryRow } from './map-local-inventory-row.js';
import { compileOfferIdMapping } from './offer-id-mapping.js';
import type { OfferIdField, OfferIdMapping } from './offer-id-mapping.js';
import { pickupForLocation } from './pickup-for-location.js';

export type GoogleItemFacts = Pick<ItemTable, 'id' | 'sku' | 'barcode' | 'shopify_variant_id'>;
export type GoogleLocationFacts = Pick<
  LocationTable,
  'handle' | 'google_store_code' | 'pickup_enabled' | 'pickup_time_hours'
>;

export type GoogleProductResult =
  | { readonly ok: true; readonly product: ProductKey }
  | { readonly ok: false; readonly missing: readonly OfferIdField[] };

export type GoogleRowResult =
  | { readonly ok: true; readonly row: LocalInventoryRow }
  | {
      readonly ok: false;
      readonly reason: 'no_store_code' | 'no_offer_id';
      readonly message: string;
    };

/** Why an item has no offer id, e.g. "the offer-id template '{sku}' needs sku". */
export function offerIdMissing(
  settings: Pick<GoogleSettings, 'offerIdTemplate'>,
  missing: readonly OfferIdField[],
): string {
  return `the offer-id template '${settings.offerIdTemplate}' needs ${missing.join(', ')}`;
}

/**
 * One (item, store, stored decision) to the row Google gets. The API publisher and the feed
 * stream both map through here, so the file and the inserts can never say different things.
 */
export class GoogleRowMapper {
  private readonly offerIds: OfferIdMapping;

  constructor(private readonly settings: GoogleSettings) {
    // Compiled once: a template typo fails at start, not on the first sale.
    this.offerIds = compileOfferIdMapping({
      template: settings.offerIdTemplate,
      overrides: settings.offerIdOverrides,
    });
  }

  productFor(item: GoogleItemFacts): GoogleProductResult {
    const result = this.offerIds({
      itemId: item.id,
      sku: item.sku,
      barcode: item.barcode,
      variantId: item.shopify_variant_id,
      country: this.settings.country ?? this.settings.feedLabel,
    });
    if (!result.ok) return result;

    const { contentLanguage, feedLabel } = this.settings;
    return { ok: true, product: { contentLanguage, feedLabel, offerId: result.offerId } };
  }

  rowFor(
    item: GoogleItemFacts,
    location: GoogleLocationFacts,
    decision: Pick<DecisionTable, 'sellable'>,
    product: GoogleProductResult = this.productFor(item),
    /** `channels.google` of the buffer rules in force; the stricter of it and the config wins. */
    rulesPolicy: ChannelPolicy = {},
  ): GoogleRowResult {
    const storeCode = location.google_store_code;
    if (!storeCode) {
      const message = `location ${location.handle} has no Google store code`;
      return { ok: false, reason: 'no_store_code', message };
    }
    if (!product.ok) {
      const message = `item ${item.id}: ${offerIdMissing(this.settings, product.missing)}`;
      return { ok: false, reason: 'no_offer_id', message };
    }

    const row = mapLocalInventoryRow({
      product: product.product,
      storeCode,
      decision,
      channelPolicy: (sellable) => googleQuantityFor(sellable, this.settings, rulesPolicy),
      pickup: { location: pickupForLocation(location, this.settings) },
      thresholds: googleThresholds(this.settings),
    });
    return { ok: true, row };
  }
}
