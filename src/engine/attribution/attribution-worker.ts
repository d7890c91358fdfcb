import { attributeOrder } from '../../domain/attribution/attribute-order.js';
import type { LocationKind } from '../../domain/attribution/attribution-class.js';
import type { CreditRules } from '../../domain/attribution/credit-rules.js';
import type { LocationLookup } from '../../domain/attribution/order-facts.js';
import type { Clock } from '../../shared/clock.js';
import { toError } from '../../shared/error-catalogue.js';
import type { Logger } from '../../shared/logger.js';
import { parseJsonWithBigIds } from '../../shared/parse-json-with-big-ids.js';
import type { Storage } from '../../storage/storage.js';
import { attributionDb } from './attribution-database.js';
import type { AttributionDb } from './attribution-database.js';
import { readOrderFacts } from './read-order-facts.js';
import { recordCredits } from './record-credits.js';
import type { ShopifyOrderLookup } from './shopify-order-lookup.js';

export interface AttributionWorkerOptions {
  storage: Storage;
  lookup: Pick<ShopifyOrderLookup, 'readOrder' | 'orderOfFulfilmentOrder' | 'addTags'>;
  clock: Clock;
  logger: Logger;
  rules: CreditRules;
  /** Write the class tags to Shopify (`attribution.tagOrders` and the Shopify channel publishing). */
  writeTags: () => boolean;
  batchSize?: number;
}

const MAX_ATTEMPTS = 6;
const CLAIM_MS = 60_000;

/**
 * Attributes orders whose facts changed: reads their fulfilment orders and tags from the Admin
 * API (a POS carry-out needs neither: its tags come from the payload), computes every party's
 * credit, records the difference, and adds the class tags Shopify lacks and trueshelf has not
 * written before. An order not yet routed waits and is tried again. Fits `WorkLoop`.
 */
export class AttributionWorker {
  constructor(private readonly options: AttributionWorkerOptions) {}

  async runOnce(): Promise<number> {
    const db = attributionDb(this.options.storage.db);
    const resolved = await this.resolveFulfilmentOrders(db);
    const now = this.now();
    const due = await db
      .selectFrom('attribution_orders')
      .select(['order_id', 'version'])
      .where('status', '=', 'pending')
      .where('due_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .orderBy('due_at')
      .limit(this.options.batchSize ?? 20)
      .execute();

    let worked = 0;
    for (const order of due) {
      const claim = await db
        .updateTable('attribution_orders')
        .set({ claimed_until: new Date(Date.parse(now) + CLAIM_MS).toISOString() })
        .where('order_id', '=', order.order_id)
        .where('version', '=', order.version)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
        .executeTakeFirst();
      if (Number(claim.numUpdatedRows) === 0) continue;
      worked += 1;
      try {
        await this.attribute(db, order.order_id, order.version);
      } catch (thrown) {
        const error = toError(thrown, 'attribute order');
        this.options.logger.warn({ err: error, orderId: order.order_id }, 'attribution failed');
        await this.retryLater(db, order.order_id, error.message);
      }
    }
    return worked + resolved;
  }

  private async attribute(db: AttributionDb, orderId: string, version: number): Promise<void> {
    const row = await db
      .selectFrom('attribution_orders')
      .select(['payload', 'attempts', 'tags_written'])
      .where('order_id', '=', orderId)
      .executeTakeFirstOrThrow();
    // TODO(orders before trueshelf): a refund of an order whose payload never arrived is parked
    // as failed after the retries; reading the order's REST payload would attribute it.
    if (!row.payload) return this.retryLater(db, orderId, 'waiting for the order payload');

    const payload = parseJsonWithBigIds(row.payload) as Record<string, unknown>;
    // A POS sale with no shipping is carried out at the till: no fulfilment order to read, no
    // Admin API call (most of a chain's orders).
    const carryOut = payload['source_name'] === 'pos' && !hasShipping(payload);
    const view = carryOut ? null : await this.options.lookup.readOrder(orderId);
    if (!carryOut && !view) return this.retryLater(db, orderId, 'Shopify does not know the order');
    for (const node of view?.fulfilmentOrders ?? []) {
      const id = /(\d+)$/.exec(node.id)?.[1];
      if (!id) continue;
      await db
        .insertInto('attribution_fulfilment_orders')
        .values({
          fulfillment_order_id: id,
          order_id: orderId,
          signalled_at: this.now(),
          attempts: 0,
        })
        .onConflict((oc) => oc.column('fulfillment_order_id').doUpdateSet({ order_id: orderId }))
        .execute();
    }

    const extras = await db
      .selectFrom('attribution_order_extras')
      .select(['kind', 'body'])
      .where('order_id', '=', orderId)
      .execute();
    const facts = readOrderFacts(
      payload,
      {
        refunds: extras.filter((e) => e.kind === 'refund').map((e) => parseJsonWithBigIds(e.body)),
        fulfillments: extras
          .filter((e) => e.kind === 'fulfillment')
          .map((e) => parseJsonWithBigIds(e.body)),
      },
      view?.fulfilmentOrders ?? [],
    );
    const result = attributeOrder(facts, this.options.rules, await this.locations(db));
    if (result.status === 'unrouted') {
      const reason = `line items ${result.lineItemIds.join(', ')} have no fulfilment order yet`;
      return this.retryLater(
        db,
        orderId,
        reason,
        row.attempts + 1 >= MAX_ATTEMPTS ? 'unrouted' : null,
      );
    }

    const now = this.now();
    const written = await db
      .transaction()
      .execute((trx) => recordCredits(trx, { ...facts, name: facts.name }, result.credits, now));

    // Tags already there: Shopify's as read just now (or in the payload), and ours written before.
    const existing = new Set(
      [...(view?.tags ?? payloadTags(payload)), ...(row.tags_written?.split(',') ?? [])].map(
        (tag) => tag.toLowerCase(),
      ),
    );
    const missing = result.tags.filter((tag) => !existing.has(tag.toLowerCase()));
    const tagging = missing.length > 0 && this.options.writeTags();
    if (tagging) await this.options.lookup.addTags(orderId, missing);

    const finished = await db
      .updateTable('attribution_orders')
      .set({
        status: 'done',
        classes: result.classes.join(','),
        tags_wanted: result.tags.join(','),
        ...(tagging
          ? {
              tags_written: [...(row.tags_written?.split(',') ?? []), ...missing].join(','),
              tagged_at: now,
            }
          : {}),
        attributed_at: now,
        claimed_until: null,
        last_error: null,
        attempts: 0,
      })
      .where('order_id', '=', orderId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(finished.numUpdatedRows) === 0) {
      // A delivery changed the order meanwhile: it stays pending for the next round.
      await db
        .updateTable('attribution_orders')
        .set({ claimed_until: null })
        .where('order_id', '=', orderId)
        .execute();
    }
    this.options.logger.debug(
      { orderId, classes: result.classes, entries: written, tagsAdded: tagging ? missing : [] },
      'order attributed',
    );
  }

  /** Keeps the order pending with a growing delay; after the last attempt it is parked. */
  private async retryLater(
    db: AttributionDb,
    orderId: string,
    reason: string,
    parkAs: 'unrouted' | null = null,
  ): Promise<void> {
    const row = await db
      .selectFrom('attribution_orders')
      .select('attempts')
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    const attempts = (row?.attempts ?? 0) + 1;
    const delayMs = Math.min(60_000, 250 * 2 ** attempts);
    const park = parkAs ?? (attempts >= MAX_ATTEMPTS ? 'failed' : null);
    await db
      .updateTable('attribution_orders')
      .set({
        attempts,
        last_error: reason,
        claimed_until: null,
        due_at: new Date(Date.parse(this.now()) + delayMs).toISOString(),
        ...(park ? { status: park } : {}),
      })
      .where('order_id', '=', orderId)
      .execute();
  }

  /** Fulfilment orders a webhook named before their order was attributed: which order? */
  private async resolveFulfilmentOrders(db: AttributionDb): Promise<number> {
    const unknown = await db
      .selectFrom('attribution_fulfilment_orders')
      .select('fulfillment_order_id')
      .where('order_id', 'is', null)
      .where('attempts', '<', MAX_ATTEMPTS)
      .limit(10)
      .execute();
    for (const { fulfillment_order_id: id } of unknown) {
      let orderId: string | null = null;
      try {
        orderId = await this.options.lookup.orderOfFulfilmentOrder(id);
      } catch (thrown) {
        this.options.logger.warn(
          { err: toError(thrown, 'fulfilment order lookup'), id },
          'lookup failed',
        );
      }
      await db
        .updateTable('attribution_fulfilment_orders')
        .set((eb) => (orderId ? { order_id: orderId } : { attempts: eb('attempts', '+', 1) }))
        .where('fulfillment_order_id', '=', id)
        .execute();
      if (!orderId) continue;
      await db
        .updateTable('attribution_orders')
        .set((eb) => ({
          version: eb('version', '+', 1),
          status: 'pending',
          due_at: this.now(),
          attempts: 0,
        }))
        .where('order_id', '=', orderId)
        .where('payload', 'is not', null)
        .execute();
    }
    return unknown.length;
  }

  private async locations(db: AttributionDb): Promise<LocationLookup> {
    const rows = await db
      .selectFrom('locations')
      .select(['handle', 'kind', 'shopify_location_id'])
      .where('shopify_location_id', 'is not', null)
      .execute();
    const byId = new Map(
      rows.map((row) => [
        row.shopify_location_id ?? '',
        {
          handle: row.handle,
          kind: (row.kind === 'warehouse' ? 'warehouse' : 'store') as LocationKind,
        },
      ]),
    );
    return (id) => byId.get(id) ?? null;
  }

  private now(): string {
    return this.options.clock().toISOString();
  }
}

function hasShipping(payload: Record<string, unknown>): boolean {
  const lines = payload['shipping_lines'];
  return Array.isArray(lines) && lines.length > 0;
}

/** REST `tags` is one comma-separated string. */
function payloadTags(payload: Record<string, unknown>): string[] {
  const tags = payload['tags'];
  return typeof tags === 'string'
    ? tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean)
    : [];
}
