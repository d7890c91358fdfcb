import { describe, expect, it } from 'vitest';
import { checkGoogleSetup } from '../../../src/channels/google/check-google-setup.js';

const local = ['LOCAL_INVENTORY_ADS', 'FREE_LOCAL_LISTINGS'];
const base = { contentLanguage: 'en', feedLabel: 'US' };

describe('checkGoogleSetup', () => {
  it('passes a setup where everything matches, with no finding to show', () => {
    const report = checkGoogleSetup({
      items: [{ itemId: 'i1', offerId: 'A', ...base }],
      products: [{ ...base, offerId: 'A', destinations: local }],
      registryStoreCodes: ['S1'],
      locations: [{ handle: 'downtown', storeCode: 'S1' }],
    });
    expect(report.ok).toBe(true);
    // An unknown Cloud registration is a part not checked, which the collector lists.
    expect(report.lines).toEqual([]);
  });

  it('lists items with no product, unknown store codes and products not targeting local destinations', () => {
    const report = checkGoogleSetup({
      items: [
        { itemId: 'i1', sku: 'A', offerId: 'A', ...base },
        { itemId: 'i2', sku: 'B', offerId: 'B', ...base },
        { itemId: 'i3', ...base },
        { itemId: 'i4', offerId: 'D', ...base },
      ],
      products: [
        { ...base, offerId: 'A', destinations: ['SHOPPING_ADS'] },
        { ...base, offerId: 'D', destinations: ['FREE_LOCAL_LISTINGS'] },
        { ...base, offerId: 'shopify_US_111_222', destinations: local },
      ],
      registryStoreCodes: ['Store-1', 'S2'],
      locations: [
        { handle: 'north', storeCode: 'store-1' },
        { handle: 'south', storeCode: 'S2' },
        { handle: 'west' },
      ],
      cloudProjectRegistered: true,
    });

    expect(report.ok).toBe(false);
    expect(report.itemsWithoutOfferId.map((i) => i.itemId)).toEqual(['i3']);
    expect(report.itemsWithoutProduct.map((i) => i.itemId)).toEqual(['i2']);
    expect(report.productsNotLocal.map((p) => p.offerId)).toEqual(['A']);
    expect(report.locationsWithoutStoreCode.map((l) => l.handle)).toEqual(['west']);
    expect(report.storeCodesNotInRegistry).toEqual([
      { handle: 'north', storeCode: 'store-1', nearMatch: 'Store-1' },
    ]);
    expect(report.lines).toEqual([
      'item i3: no offer id; the offer-id template needs a value this item lacks',
      'item i2: no Merchant Center product en~US~B',
      "1 product(s) have ids like shopify_US_<product>_<variant> from Google's Shopify app: try the template shopify_{country}_{productId}_{variantId}",
      'location west: no Google store code configured',
      "location north: store code 'store-1' is not a Business Profile store code Google knows; Google has 'Store-1' (store codes are case-sensitive and exact)",
      'product en~US~A: targets SHOPPING_ADS, not LOCAL_INVENTORY_ADS or FREE_LOCAL_LISTINGS',
    ]);
  });

  it('fails when the Cloud project is known not to be registered', () => {
    const report = checkGoogleSetup({
      items: [],
      products: [],
      registryStoreCodes: [],
      locations: [],
      cloudProjectRegistered: false,
    });
    expect(report.ok).toBe(false);
    expect(report.lines[0]).toMatch(/not registered/);
  });
});
