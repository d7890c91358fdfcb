import { describe, expect, it } from 'vitest';
import { GoogleChannelError } from '../../../src/channels/google/google-channel-error.js';
import { compileOfferIdMapping } from '../../../src/channels/google/offer-id-mapping.js';

describe('compileOfferIdMapping', () => {
  it('builds the Google & YouTube app id from gids, keeping ids past 2^53 exact', () => {
    const mapping = compileOfferIdMapping({
      template: 'shopify_{country}_{productId}_{variantId}',
    });

    const result = mapping({
      country: 'US',
      productId: 'gid://shopify/Product/8123456789012',
      variantId: '45123456789012345',
    });

    expect(result).toEqual({ ok: true, offerId: 'shopify_US_8123456789012_45123456789012345' });
  });

  it('uses the SKU as it is', () => {
    expect(compileOfferIdMapping({ template: '{sku}' })({ sku: 'TS-RED-42' })).toEqual({
      ok: true,
      offerId: 'TS-RED-42',
    });
  });

  it('names what is missing when the SKU is blank', () => {
    expect(compileOfferIdMapping({ template: '{sku}' })({ sku: '  ', itemId: 'i1' })).toEqual({
      ok: false,
      missing: ['sku'],
    });
  });

  it('lets an override for one item win over the template', () => {
    const mapping = compileOfferIdMapping({ template: '{sku}', overrides: { i9: 'legacy-9' } });
    expect(mapping({ itemId: 'i9', sku: 'NEW-9' })).toEqual({ ok: true, offerId: 'legacy-9' });
  });

  it('refuses a template with an unknown placeholder at start', () => {
    const compile = () => compileOfferIdMapping({ template: 'x_{skew}' });
    expect(compile).toThrow(GoogleChannelError);
    expect(compile).toThrow(/skew/);
    expect(() => compileOfferIdMapping({ template: 'fixed' })).toThrow(/no placeholder/);
  });
});
