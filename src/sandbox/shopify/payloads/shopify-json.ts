/**
 * JSON as Shopify writes webhook bodies: compact, with ids as bare integer literals.
 *
 * Shopify's REST-shaped payloads carry ids as JSON numbers, and those ids can exceed 2^53
 * (the official samples show the rounding a double-based parser causes). The sandbox keeps ids
 * as strings, so it cannot use `JSON.stringify`: a `BareInteger` is written as its digits.
 */
export class BareInteger {
  constructor(readonly digits: string) {
    if (!/^-?\d+$/.test(digits)) throw new TypeError(`Not an integer literal: ${digits}`);
  }
}

export type ShopifyJsonValue =
  | string
  | number
  | boolean
  | null
  | BareInteger
  | ShopifyJsonValue[]
  | { [key: string]: ShopifyJsonValue | undefined };

export type ShopifyJsonObject = { [key: string]: ShopifyJsonValue | undefined };

export function bare(id: string): BareInteger {
  return new BareInteger(id);
}

export function bareOrNull(id: string | null): BareInteger | null {
  return id === null ? null : new BareInteger(id);
}

export function stringifyShopifyJson(value: ShopifyJsonValue): string {
  if (value instanceof BareInteger) return value.digits;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stringifyShopifyJson).join(',')}]`;

  const members: string[] = [];
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    members.push(`${JSON.stringify(key)}:${stringifyShopifyJson(member)}`);
  }
  return `{${members.join(',')}}`;
}
