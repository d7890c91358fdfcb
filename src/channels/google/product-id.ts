import type { ProductKey } from './local-inventory-row.js';

/*
 * The `{product}` segment of a Merchant API v1 resource name is
 * `contentLanguage~feedLabel~offerId`. When a part carries a character the path cannot hold
 * plainly (`/ % ~` and the longer reserved list in Google's v1 migration guide), the whole
 * segment is sent as unpadded base64url; Google tells the two forms apart by the `~`. The
 * official Node client also refuses to build a URL whose segment contains `/`.
 */
const PLAIN_PART = /^[A-Za-z0-9_-]+$/;

export function productIdFor(key: ProductKey, options: { alwaysEncode?: boolean } = {}): string {
  const parts = [key.contentLanguage, key.feedLabel, key.offerId];
  const joined = parts.join('~');
  const plain = parts.every((part) => PLAIN_PART.test(part));

  if (plain && !options.alwaysEncode) return joined;
  return Buffer.from(joined, 'utf8').toString('base64url');
}

/** The inverse of `productIdFor`; null when the segment is neither form. */
export function productKeyFrom(productId: string): ProductKey | null {
  const joined = productId.includes('~') ? productId : decodeBase64Url(productId);
  if (joined === null) return null;

  const parts = joined.split('~');
  // A legacy local-only product carries a leading `local~` (no language is called that).
  if (parts.length >= 4 && parts[0] === 'local') parts.shift();
  if (parts.length < 3) return null;

  const [contentLanguage, feedLabel, ...offer] = parts;
  const offerId = offer.join('~');
  if (!contentLanguage || !feedLabel || !offerId) return null;
  return { contentLanguage, feedLabel, offerId };
}

function decodeBase64Url(segment: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) return null;
  const decoded = Buffer.from(segment, 'base64url').toString('utf8');
  // Round-trip to reject a segment that was not base64url of valid UTF-8.
  return Buffer.from(decoded, 'utf8').toString('base64url') === segment ? decoded : null;
}
