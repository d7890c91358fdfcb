import { describe, expect, it } from 'vitest';
import { bare, stringifyShopifyJson } from '../../../src/sandbox/shopify/payloads/shopify-json.js';
import { formatShopTime } from '../../../src/sandbox/shopify/payloads/shop-time.js';

describe('the Shopify JSON writer', () => {
  it('writes big ids as bare integer literals and everything else as JSON does', () => {
    const text = stringifyShopifyJson({
      id: bare('9007199254740993'),
      name: 'Tee "M"',
      tags: ['a', 'b'],
      skipped: undefined,
      n: 1.5,
      none: null,
    });
    expect(text).toBe(
      '{"id":9007199254740993,"name":"Tee \\"M\\"","tags":["a","b"],"n":1.5,"none":null}',
    );
  });

  it('refuses anything but digits as an id', () => {
    expect(() => bare('12a')).toThrow();
  });

  it('writes REST timestamps in the shop offset with second resolution', () => {
    expect(formatShopTime(new Date('2026-03-02T19:05:09.999Z'), -300)).toBe(
      '2026-03-02T14:05:09-05:00',
    );
    expect(formatShopTime(new Date('2026-03-02T00:30:00Z'), 330)).toBe('2026-03-02T06:00:00+05:30');
  });
});
