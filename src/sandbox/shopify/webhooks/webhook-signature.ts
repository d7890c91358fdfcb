import { createHmac } from 'node:crypto';

/** `X-Shopify-Hmac-Sha256`: base64 HMAC-SHA256 of the raw body bytes, keyed with the secret. */
export function signWebhookBody(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}
