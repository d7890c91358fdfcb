import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../storage/database-schema.js';
import { velocityDb } from './velocity-database.js';

/** Refund kinds that take a sale back; a `cancel` restock refunds units never fulfilled. */
const REFUND_KINDS = ['refund_return', 'refund_none'] as const;

/** The `sales` columns both inserts fill, in the order of their selects. */
const SALE_COLUMNS = [
  'source_ref',
  'item_id',
  'location_handle',
  'quantity',
  'occurred_at',
  'local_day',
  'source',
  'recorded_at',
] as const;

/**
 * Records sales from the facts the inbox stored, once each (`source_ref` is the fact's id):
 *
 * - a fulfilment line is a sale at the location it was fulfilled from, at its instant. POS
 *   carry-outs arrive fulfilled at the till, online orders when a store or warehouse ships or
 *   hands them over, so online demand lands at the location that fulfilled it;
 * - a refund with a return or without a restock takes units back, at the location the refund
 *   names, else the one that fulfilled that item of the order. A `cancel` refund concerns
 *   units never fulfilled, so it takes back nothing.
 *
 * Facts whose item or location is unknown are left out, and only facts from the last
 * `lookbackDays` are looked at, since older ones cannot reach a velocity window.
 */
export async function recordSalesFromFacts(
  db: Kysely<Database>,
  now: Date,
  lookbackDays: number,
): Promise<number> {
  const since = new Date(now.getTime() - lookbackDays * 86_400_000).toISOString();
  const recordedAt = now.toISOString();
  const vdb = velocityDb(db);

  const fulfilled = await vdb
    .insertInto('sales')
    .columns(SALE_COLUMNS)
    .expression(
      vdb
        .selectFrom('fact_lines as f')
        .select([
          sql<string>`CAST(${'fact:'} AS text) || f.id`.as('source_ref'),
          sql<string>`f.item_id`.as('item_id'),
          sql<string>`f.location_handle`.as('location_handle'),
          'f.quantity',
          'f.occurred_at',
          sql<null>`CAST(NULL AS text)`.as('local_day'),
          sql<string>`CAST(${'shopify_fulfillment'} AS text)`.as('source'),
          sql<string>`CAST(${recordedAt} AS text)`.as('recorded_at'),
        ])
        .where('f.kind', '=', 'fulfillment')
        .where('f.item_id', 'is not', null)
        .where('f.location_handle', 'is not', null)
        .where('f.occurred_at', '>=', since),
    )
    .onConflict((oc) => oc.column('source_ref').doNothing())
    .executeTakeFirst();

  const fulfilledAt = sql<string | null>`(SELECT ff.location_handle FROM fact_lines ff
    WHERE ff.kind = 'fulfillment' AND ff.order_id = f.order_id AND ff.item_id = f.item_id
      AND ff.location_handle IS NOT NULL
    ORDER BY ff.occurred_at LIMIT 1)`;
  const refunded = await vdb
    .insertInto('sales')
    .columns(SALE_COLUMNS)
    .expression(
      vdb
        .selectFrom('fact_lines as f')
        .select([
          sql<string>`CAST(${'fact:'} AS text) || f.id`.as('source_ref'),
          sql<string>`f.item_id`.as('item_id'),
          sql<string>`COALESCE(f.location_handle, ${fulfilledAt})`.as('location_handle'),
          sql<number>`-f.quantity`.as('quantity'),
          'f.occurred_at',
          sql<null>`CAST(NULL AS text)`.as('local_day'),
          sql<string>`CAST(${'shopify_refund'} AS text)`.as('source'),
          sql<string>`CAST(${recordedAt} AS text)`.as('recorded_at'),
        ])
        .where('f.kind', 'in', REFUND_KINDS)
        .where('f.item_id', 'is not', null)
        .where(sql<boolean>`COALESCE(f.location_handle, ${fulfilledAt}) IS NOT NULL`)
        .where('f.occurred_at', '>=', since),
    )
    .onConflict((oc) => oc.column('source_ref').doNothing())
    .executeTakeFirst();

  return (
    Number(fulfilled.numInsertedOrUpdatedRows ?? 0) + Number(refunded.numInsertedOrUpdatedRows ?? 0)
  );
}
