import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks `X-Shopify-Hmac-Sha256` (base64 HMAC-SHA256 of the raw body bytes) against each
 * accepted secret, in constant time. During a rotation both the new and the previous secret are
 * accepted: Shopify can take up to an hour to sign with the new one.
 */
export function verifyWebhookSignature(
  rawBody: Buffer,
  header: string | undefined,
  secrets: readonly string[],
): boolean {
  if (!header || secrets.length === 0) return false;

  const given = Buffer.from(header, 'base64');
  if (given.length !== 32) return false;

  let valid = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    // No early exit: every secret is compared, so timing does not tell which one matched.
    if (timingSafeEqual(expected, given)) valid = true;
  }
  return valid;
}

export function signWebhookBody(rawBody: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}
