import { signWebhookBody } from '../../../src/sources/shopify/verify-webhook-signature.js';
import { INJECTIONS } from './hostile-requests.js';

/** A crafted webhook delivery: unsigned ones must get 401, signed ones 200 and be parked. */
export interface HostileDelivery {
  readonly name: string;
  readonly body: string | Buffer;
  readonly headers: Record<string, string>;
  readonly signed: boolean;
}

export interface DeliverySigner {
  (
    body: string | Buffer,
    fields?: { topic?: string; webhookId?: string; secret?: string },
  ): Record<string, string>;
}

/**
 * `item` and `location` are real Shopify ids, so a signed body that fails is refused for its
 * shape or values, not for naming something trueshelf does not mirror.
 */
export function hostileDeliveries(
  sign: DeliverySigner,
  real: { item: string; location: string },
): HostileDelivery[] {
  const level = (fields: Record<string, unknown>) =>
    JSON.stringify({
      inventory_item_id: Number(real.item),
      location_id: Number(real.location),
      available: 3,
      updated_at: '2026-05-04T05:59:58-04:00',
      ...fields,
    });
  const good = level({});
  const cases: HostileDelivery[] = [];
  const unsigned = (name: string, body: string | Buffer, headers: Record<string, string>) =>
    cases.push({ name, body, headers, signed: false });
  const signed = (name: string, body: string | Buffer, topic = 'inventory_levels/update') =>
    cases.push({ name, body, headers: sign(body, { topic }), signed: true });

  // Signatures that do not verify.
  const withoutSignature = sign(good);
  delete withoutSignature['x-shopify-hmac-sha256'];
  unsigned('no signature', good, withoutSignature);
  unsigned('empty signature', good, { ...sign(good), 'x-shopify-hmac-sha256': '' });
  unsigned('signature of another body', good, sign(level({ available: 4 })));
  unsigned('signed with another secret', good, sign(good, { secret: 'not-our-secret' }));
  unsigned('signature as hex', good, {
    ...sign(good),
    'x-shopify-hmac-sha256': Buffer.from(
      sign(good)['x-shopify-hmac-sha256'] ?? '',
      'base64',
    ).toString('hex'),
  });
  unsigned('signature cut short', good, {
    ...sign(good),
    'x-shopify-hmac-sha256': (sign(good)['x-shopify-hmac-sha256'] ?? '').slice(0, 20),
  });
  unsigned('body truncated after signing', good.slice(0, 30), sign(good));
  unsigned('body with a byte appended', `${good} `, sign(good));
  unsigned('signature of the empty body', good, sign(''));
  unsigned('signature with SQL', good, { ...sign(good), 'x-shopify-hmac-sha256': "' OR 1=1 --" });
  unsigned('signature 10 kB long', good, {
    ...sign(good),
    'x-shopify-hmac-sha256': 'A'.repeat(10_000),
  });
  unsigned('signature over the body, key as the body', good, {
    ...sign(good),
    'x-shopify-hmac-sha256': signWebhookBody(good, good),
  });

  // Signed, but nothing usable inside.
  signed('truncated JSON', good.slice(0, 25));
  signed('empty body', '');
  signed('JSON null', 'null');
  signed('JSON array', '[]');
  signed('JSON number', '42');
  signed('binary', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80]));
  signed('JSON 20000 levels deep', `${'['.repeat(20_000)}${']'.repeat(20_000)}`);
  signed('item id as text', level({ inventory_item_id: 'abc' }));
  signed('item id negative', level({ inventory_item_id: -1 }));
  signed('item id fractional', level({ inventory_item_id: 1.5 }));
  signed('item id null', level({ inventory_item_id: null }));
  signed('location id an object', level({ location_id: { $gt: 0 } }));
  signed('location id missing', level({ location_id: undefined }));
  for (const text of INJECTIONS)
    signed(`item id ${JSON.stringify(text)}`, level({ inventory_item_id: text }));
  signed(
    'order without line items',
    JSON.stringify({ id: 1, created_at: 'yesterday' }),
    'orders/create',
  );
  signed(
    'order with a bad date',
    JSON.stringify({ id: 'x', created_at: '2026-02-30T25:61:00+99:00', line_items: 'none' }),
    'orders/create',
  );
  signed(
    'refund with SQL ids',
    JSON.stringify({ id: "1'--", order_id: '<b>1</b>', refund_line_items: {} }),
    'refunds/create',
  );
  signed('unknown topic', good, 'shop/explode');
  signed('topic with HTML', good, '<script>alert(1)</script>');
  return cases;
}
