import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { recordDelivery } from '../../engine/inbox/record-delivery.js';
import type { RecordDeliveryResult } from '../../engine/inbox/record-delivery.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import { verifyWebhookSignature } from '../../sources/shopify/verify-webhook-signature.js';
import { headerValue, shopifyDelivery } from './shopify-delivery.js';

const EMPTY_BODY = Buffer.alloc(0);

/**
 * Unsigned requests carry whatever topic a stranger writes, so they are counted under one label
 * rather than growing a metric series per invented topic.
 */
const UNVERIFIED_TOPIC = 'unverified';

/**
 * `POST /webhooks/shopify`. The body is read as raw bytes by a parser scoped to this plugin, so
 * the HMAC is checked over exactly what Shopify signed, before anything parses it. A signed
 * delivery is answered 200 once stored, whatever it holds; only a bad signature gets 401 and only
 * a failed store gets 503 (so Shopify retries). One insert per delivery, nothing else.
 */
export function shopifyWebhookRoute(ctx: AppContext) {
  const secrets = webhookSecrets(ctx);
  if (secrets.length === 0) {
    ctx.logger.warn('no Shopify webhook secret is configured; every delivery will be refused');
  }

  return async function register(app: FastifyInstance): Promise<void> {
    // The bytes are all that matter, so the declared type is set aside before fastify checks it:
    // a malformed Content-Type on a signed delivery must not turn into a 415.
    app.addHook('onRequest', async (request) => {
      request.headers = { 'content-type': 'application/octet-stream' };
    });
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body);
    });

    app.post(
      '/webhooks/shopify',
      { bodyLimit: ctx.config.inbox.maxBodyBytes },
      async (request: FastifyRequest, reply: FastifyReply) => {
        const rawBody = Buffer.isBuffer(request.body) ? request.body : EMPTY_BODY;
        const signature = headerValue(request.headers, 'x-shopify-hmac-sha256') ?? undefined;

        if (!verifyWebhookSignature(rawBody, signature, secrets)) {
          ctx.metrics.deliveries.inc({ topic: UNVERIFIED_TOPIC, outcome: 'rejected' });
          throw new TrueshelfError('invalid_signature', 'X-Shopify-Hmac-Sha256 does not verify', {
            header: 'X-Shopify-Hmac-Sha256',
            seen: signature === undefined ? 'nothing' : 'a signature that does not verify',
            expected: 'base64 HMAC-SHA256 of the raw body with the app secret',
          });
        }

        const delivery = shopifyDelivery(request.headers, rawBody, ctx.config.shopify.shop);
        let result: RecordDeliveryResult;
        try {
          result = ctx.recordDelivery
            ? await ctx.recordDelivery(delivery, ctx.clock())
            : await recordDelivery(ctx.storage, delivery, ctx.clock());
        } catch (thrown) {
          throw new TrueshelfError(
            'storage_failure',
            'the delivery could not be stored; Shopify will retry it',
            { topic: delivery.topic, webhookId: delivery.webhookId },
            { cause: thrown },
          );
        }

        const outcome = result.stored === 'new' ? 'stored' : 'duplicate';
        ctx.metrics.deliveries.inc({ topic: delivery.topic, outcome });
        if (result.stored === 'new') ctx.wakeInbox();
        request.log.info({ topic: delivery.topic, deliveryId: result.id, outcome }, 'delivery');

        return reply.status(200).send({ ok: true });
      },
    );
  };
}

/** The current key (the webhook secret, else the client secret) and, during a rotation, the old. */
function webhookSecrets(ctx: AppContext): string[] {
  const { webhookSecret, clientSecret, previousWebhookSecret } = ctx.config.shopify;
  const current = webhookSecret || clientSecret;
  return [current, previousWebhookSecret].filter((secret): secret is string => Boolean(secret));
}
