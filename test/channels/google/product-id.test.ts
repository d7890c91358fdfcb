import { describe, expect, it } from 'vitest';
import { productIdFor, productKeyFrom } from '../../../src/channels/google/product-id.js';

describe('productIdFor', () => {
  it('joins plain parts with tildes', () => {
    expect(productIdFor({ contentLanguage: 'en', feedLabel: 'US', offerId: 'SKU_123-a' })).toBe(
      'en~US~SKU_123-a',
    );
  });

  it('encodes en~US~sku/123 as unpadded base64url because of the slash', () => {
    // 'en~US~sku/123' is 13 bytes; base64 'ZW5+VVN+c2t1LzEyMw==' → url alphabet, no padding.
    expect(productIdFor({ contentLanguage: 'en', feedLabel: 'US', offerId: 'sku/123' })).toBe(
      'ZW5-VVN-c2t1LzEyMw',
    );
  });

  it('encodes an offer id with a tilde, a dot or a space', () => {
    for (const offerId of ['a~b', 'a.b', 'a b']) {
      const id = productIdFor({ contentLanguage: 'en', feedLabel: 'US', offerId });
      expect(id).not.toContain('~');
      expect(Buffer.from(id, 'base64url').toString('utf8')).toBe(`en~US~${offerId}`);
    }
  });

  it('encodes plain ids too when asked to always encode', () => {
    const id = productIdFor(
      { contentLanguage: 'de', feedLabel: 'DE', offerId: 'X1' },
      { alwaysEncode: true },
    );
    expect(id).toBe(Buffer.from('de~DE~X1').toString('base64url'));
  });
});

describe('productKeyFrom', () => {
  it('reads back both forms and drops the legacy local~ prefix', () => {
    const key = { contentLanguage: 'en', feedLabel: 'US', offerId: 'sku/123' };
    expect(productKeyFrom('ZW5-VVN-c2t1LzEyMw')).toEqual(key);
    expect(productKeyFrom('en~US~SKU123')).toEqual({ ...key, offerId: 'SKU123' });
    // 'local~en~US~SKU123' encoded, from the research notes' worked example.
    expect(productKeyFrom('bG9jYWx-ZW5-VVN-U0tVMTIz')).toEqual({ ...key, offerId: 'SKU123' });
  });

  it('refuses a segment that is neither form', () => {
    expect(productKeyFrom('en~US')).toBeNull();
    expect(productKeyFrom('not base64!')).toBeNull();
  });
});
