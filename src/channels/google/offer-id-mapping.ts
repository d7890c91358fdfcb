import { numericId } from '../../shared/shopify-gid.js';
import { GoogleChannelError } from './google-channel-error.js';

/*
 * Local inventory attaches to a product that already exists in Merchant Center, so the offer id
 * must be the one the product data uses. Shops on Google's own "Google & YouTube" Shopify app
 * have ids like `shopify_US_<productId>_<variantId>`; shops with their own feed often use the
 * SKU. A template covers both: `shopify_{country}_{productId}_{variantId}`, `{sku}`.
 */
export const offerIdFields = [
  'sku',
  'barcode',
  'itemId',
  'productId',
  'variantId',
  'country',
] as const;
export type OfferIdField = (typeof offerIdFields)[number];

/** What an item and the feed's target country offer to a template. Blank counts as missing. */
export type OfferIdValues = Partial<Record<OfferIdField, string | null | undefined>>;

export interface OfferIdMappingConfig {
  readonly template: string;
  /** Exceptions by trueshelf item id, for products whose ids follow no rule. */
  readonly overrides?: Readonly<Record<string, string>>;
}

export type OfferIdResult =
  | { readonly ok: true; readonly offerId: string }
  | { readonly ok: false; readonly missing: readonly OfferIdField[] };

export type OfferIdMapping = (values: OfferIdValues) => OfferIdResult;

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Checks the template once, at start, so a typo fails there and not on the first sale. */
export function compileOfferIdMapping(config: OfferIdMappingConfig): OfferIdMapping {
  const names = [...config.template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
  const unknown = names.filter((name) => !isOfferIdField(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new GoogleChannelError(
      'google_offer_id_template_invalid',
      `offer-id template '${config.template}' ${
        names.length === 0 ? 'has no placeholder' : `names unknown field(s) ${unknown.join(', ')}`
      }; expected placeholders among {${offerIdFields.join('}, {')}}`,
      { template: config.template, unknown },
    );
  }
  const overrides = new Map(Object.entries(config.overrides ?? {}));

  return (values) => {
    const override = values.itemId ? overrides.get(values.itemId) : undefined;
    if (override !== undefined) return { ok: true, offerId: override };

    const missing: OfferIdField[] = [];
    const offerId = config.template.replace(PLACEHOLDER, (_whole, name: string) => {
      const value = valueOf(name as OfferIdField, values);
      if (value === null) missing.push(name as OfferIdField);
      return value ?? '';
    });
    return missing.length > 0 ? { ok: false, missing } : { ok: true, offerId };
  };
}

function valueOf(field: OfferIdField, values: OfferIdValues): string | null {
  const raw = values[field]?.trim();
  if (!raw) return null;

  // Shopify's app uses the bare numbers; a gid is accepted and reduced to its number.
  if (field === 'productId' || field === 'variantId') return numericId(raw);
  return raw;
}

function isOfferIdField(name: string): name is OfferIdField {
  return (offerIdFields as readonly string[]).includes(name);
}
