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

  // Recorded from the first implementation: fingerprints are stored with idempotency keys, so an
  // upgrade that hashed other text would refuse every retry of a hold placed before it.
  it.each([
    [
      'a one-line hold by item',
      {
        cartId: 'cart-1',
        lines: [{ item: 'tee', location: 'downtown', quantity: 1 }],
        ttlSeconds: undefined,
      },
      'a28e745321fac60debdc39d8bbfa20c13a14a090c8507c1ad22b580d40e7185b',
    ],
    [
      'a hold by SKU with a TTL',
      {
        cartId: 'cart-2',
        lines: [
          { sku: 'SKU-mug', location: 'uptown', quantity: 3 },
          { item: 'tee', location: 'downtown', quantity: 2 },
        ],
        ttlSeconds: 900,
      },
      '1593b44dccf8925e08eeb4507c48c7f2c41012d64a1d9515faea04e3b6f21141',
    ],
    [
      'the same hold with its keys in another order',
      {
        ttlSeconds: 900,
        lines: [
          { quantity: 3, location: 'uptown', sku: 'SKU-mug' },
          { quantity: 2, item: 'tee', location: 'downtown' },
        ],
        cartId: 'cart-2',
      },
      '1593b44dccf8925e08eeb4507c48c7f2c41012d64a1d9515faea04e3b6f21141',
    ],
    [
      'text that JSON escapes',
      { cartId: 'quote " back \\ tab \t nl \n é 漢 😀 \u0001', lines: [] },
      '3696795cd6e7f24b6ce1328ec8650e8c3eeef07418252713d5f4af17f0e813d5',
    ],
    [
      'nested values of every JSON kind',
      {
        b: [1, -2.5, 1e21, 0, true, false, null, [], {}],
        a: { z: { y: 'x' }, ä: 1, A: 2, _: 3, '10': 4, '9': 5 },
        gone: undefined,
      },
      'c2716b6b345a30e3ef70347b8da1c21a15af90839401d50d40e7d7857ec4b3eb',
    ],
  ])('is unchanged since fingerprints were first stored: %s', (_case, body, fingerprint) => {
    expect(requestFingerprint(body)).toBe(fingerprint);
  });

  it('writes keys sorted by code unit, integer-like ones too, and escapes text as JSON does', () => {
    expect(canonicalJson({ a: { z: 1, ä: 2, A: 3, '10': 4, '9': 5 } })).toBe(
      '{"a":{"10":4,"9":5,"A":3,"z":1,"ä":2}}',
    );
    expect(canonicalJson({ cartId: 'quote " back \\ nl \n \u0001' })).toBe(
      '{"cartId":"quote \\" back \\\\ nl \\n \\u0001"}',
    );
  });

  it('leaves out absent fields, as JSON does', () => {
    expect(canonicalJson({ b: 1, a: undefined, c: [null, 'x'] })).toBe('{"b":1,"c":[null,"x"]}');
  });

  it('writes an undefined entry of a list as nothing, as it always has', () => {
    expect(canonicalJson([1, undefined, 2])).toBe('[1,,2]');
  });
});
