import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { IncomingDelivery } from '../../engine/inbox/record-delivery.js';

/** What a signed delivery is stored under when Shopify left a header out. */
export const UNKNOWN_TOPIC = 'unknown';

/**
 * A signed delivery as the inbox stores it, from Shopify's headers (node lower-cases header
 * names, so `X-Shopify-Topic` and `x-shopify-topic` are one). A signed delivery is never
 * refused for a missing header: Shopify drops an API-created subscription after 8 failures in a
 * row, so what is missing is filled in and the processor decides what the delivery is worth.
 */
export function shopifyDelivery(
  headers: IncomingHttpHeaders,
  rawBody: Buffer,
  configuredShop: string,
): IncomingDelivery {
  const triggeredAt = headerValue(headers, 'x-shopify-triggered-at');

  return {
    shop: headerValue(headers, 'x-shopify-shop-domain') ?? (configuredShop || 'unknown'),
    topic: headerValue(headers, 'x-shopify-topic') ?? UNKNOWN_TOPIC,
    webhookId:
      headerValue(headers, 'x-shopify-webhook-id') ?? syntheticWebhookId(rawBody, triggeredAt),
    eventId: headerValue(headers, 'x-shopify-event-id'),
    triggeredAt,
    apiVersion: headerValue(headers, 'x-shopify-api-version'),
    // Decoding already replaces bytes that are not UTF-8; NUL goes the same way, since
    // PostgreSQL cannot store it in text. Valid JSON never holds a raw NUL, so such a body is
    // parked as unprocessable either way (the signature was checked over the raw bytes).
    body: rawBody.toString('utf8').replaceAll('\u0000', '\ufffd'),
  };
}

/**
 * Without `X-Shopify-Webhook-Id`, the body and trigger time stand in for it: a retry carries
 * the original payload and trigger time, so a redelivery still lands on the same row.
 */
export function syntheticWebhookId(rawBody: Buffer, triggeredAt: string | null): string {
  const digest = createHash('sha256')
    .update(rawBody)
    .update('\n')
    .update(triggeredAt ?? '')
    .digest('hex');
  return `synthetic-${digest}`;
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : null;
}
