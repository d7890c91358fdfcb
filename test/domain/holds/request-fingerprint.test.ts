import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  requestFingerprint,
} from '../../../src/domain/holds/request-fingerprint.js';

describe('requestFingerprint', () => {
  it('is the same for the same body with keys in another order', () => {
    const a = { cartId: 'c', lines: [{ sku: 'A', location: 'x', quantity: 1 }] };
    const b = { lines: [{ quantity: 1, location: 'x', sku: 'A' }], cartId: 'c' };

    expect(requestFingerprint(a)).toBe(requestFingerprint(b));
  });

  it('differs when a value or the order of lines differs', () => {
    const base = requestFingerprint({
      cartId: 'c',
      lines: [
        { sku: 'A', quantity: 1 },
        { sku: 'B', quantity: 1 },
      ],
    });

    expect(
      requestFingerprint({
        cartId: 'c',
        lines: [
          { sku: 'A', quantity: 2 },
          { sku: 'B', quantity: 1 },
        ],
      }),
    ).not.toBe(base);
    expect(
      requestFingerprint({
        cartId: 'c',
        lines: [
          { sku: 'B', quantity: 1 },
          { sku: 'A', quantity: 1 },
        ],
      }),
    ).not.toBe(base);
  });

  it('leaves out absent fields, as JSON does', () => {
    expect(canonicalJson({ b: 1, a: undefined, c: [null, 'x'] })).toBe('{"b":1,"c":[null,"x"]}');
  });
});
