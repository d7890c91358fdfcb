import { randomUUID } from 'node:crypto';
import { expiryTransition } from '../../domain/holds/hold-transitions.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.js';
import { moveHold } from './end-hold.js';
import type { LevelRef } from './held-units.js';
import { holdsDb } from './holds-database.js';
import type { HoldsDb } from './holds-database.js';

export interface OrderForHolds {
  id: string;
  cartToken: string | null;
  createdAt: string | null;
}

/**
 * An order that carries a cart (its `cart_token`, or the `trueshelf_cart` note attribute)
 * converts that cart's live hold, inside the delivery's transaction: an active hold's units
 * leave `held` (the order now commits units in Shopify), a checkout hold simply ends converted.
 * The converted hold becomes a pickup order at its store.
 *
 * An order whose cart's hold had already expired converts it if the order was placed in time
 * (a late webhook); otherwise, if others took the units meanwhile, the store is alerted. Returns
 * the levels whose held units changed; the caller re-reads them so their decisions follow.
 */
export async function convertOrderHolds(
  trx: Kysely<Database>,
  order: OrderForHolds,
  now: string,
): Promise<LevelRef[]> {
  if (!order.cartToken) return [];
  const db = holdsDb(trx);

  const holds = await db
    .selectFrom('holds')
    .select(['id', 'status', 'expires_at', 'grace_until', 'created_at'])
    .where('cart_id', '=', order.cartToken)
    .where('status', 'in', ['active', 'checkout', 'expired'])
    .orderBy('created_at', 'desc')
    .execute();

  const levels: LevelRef[] = [];
  let converted = 0;
  let lapsed: string | null = null;
  for (const hold of holds) {
    if (placedBefore(order, hold, now)) continue;
    if (!placedInTime(order, hold, now)) {
      // Too late for this hold: an active one is expired now (its time has run out), and the
      // newest lapsed hold is checked for units taken meanwhile.
      if (hold.status === 'active') {
        const ended = await moveHold(db, hold.id, expiryTransition('active'), now);
        levels.push(...(ended ?? []));
      }
      lapsed ??= hold.id;
      continue;
    }

    const moved = await moveHold(
      db,
      hold.id,
      { from: hold.status, to: 'converted', endReason: 'order', orderId: order.id },
      now,
    );
    if (moved === null) continue;
    converted += 1;
    levels.push(...moved);
    await recordPickupOrder(db, order, hold.id, now);
  }

  if (converted === 0 && lapsed) await alertIfTaken(db, order, lapsed, now);
  return levels;
}

/**
 * Placed before the hold stopped counting, or before its checkout grace ran out: the order's
 * own time decides, so a webhook that arrives late still converts the hold it was placed under.
 */
function placedInTime(
  order: OrderForHolds,
  hold: { expires_at: string; grace_until: string | null },
  now: string,
): boolean {
  return placedAt(order, now) < Date.parse(hold.grace_until ?? hold.expires_at);
}

/**
 * An order placed before the hold existed is not its order (an update of an older order of the
 * same cart). Shopify's times have whole seconds, so the hold's creation is rounded down.
 */
function placedBefore(order: OrderForHolds, hold: { created_at: string }, now: string): boolean {
  return placedAt(order, now) < Math.floor(Date.parse(hold.created_at) / 1000) * 1000;
}

function placedAt(order: OrderForHolds, now: string): number {
  return Date.parse(order.createdAt ?? now);
}

async function recordPickupOrder(db: HoldsDb, order: OrderForHolds, holdId: string, now: string) {
  const line = await db
    .selectFrom('hold_lines')
    .select('location_handle')
    .where('hold_id', '=', holdId)
    .orderBy('location_handle')
    .executeTakeFirst();
  const orderedAt = order.createdAt ? new Date(order.createdAt).toISOString() : now;

  await db
    .insertInto('pickup_orders')
    .values({
      order_id: order.id,
      location_handle: line?.location_handle ?? null,
      hold_id: holdId,
      fulfillment_order_id: null,
      ordered_at: orderedAt,
      ready_at: null,
      picked_up_at: null,
      cancelled_at: null,
      cancel_reason: null,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('order_id').doUpdateSet({ hold_id: holdId, updated_at: now }))
    .execute();
}

/**
 * The hold lapsed before the order: each of its lines whose units others have since taken
 * (gross no longer covers the line on top of the live holds) gets one alert for this order.
 */
async function alertIfTaken(db: HoldsDb, order: OrderForHolds, holdId: string, now: string) {
  const already = await db
    .selectFrom('alerts')
    .select('id')
    .where('kind', '=', 'order_after_hold_expired')
    .where('order_id', '=', order.id)
    .executeTakeFirst();
  if (already) return;

  const lines = await db
    .selectFrom('hold_lines')
    .innerJoin('levels', (join) =>
      join
        .onRef('levels.item_id', '=', 'hold_lines.item_id')
        .onRef('levels.location_handle', '=', 'hold_lines.location_handle'),
    )
    .select([
      'hold_lines.item_id',
      'hold_lines.location_handle',
      'hold_lines.quantity',
      'levels.available',
      'levels.placed_safety_stock',
      'levels.placed_reserved',
      'levels.held',
    ])
    .where('hold_lines.hold_id', '=', holdId)
    .execute();

  for (const line of lines) {
    const gross = line.available + line.placed_safety_stock + line.placed_reserved;
    const short = line.quantity - Math.max(0, gross - line.held);
    if (short <= 0) continue;
    await db
      .insertInto('alerts')
      .values({
        id: randomUUID(),
        kind: 'order_after_hold_expired',
        location_handle: line.location_handle,
        item_id: line.item_id,
        hold_ids: JSON.stringify([holdId]),
        order_id: order.id,
        units_short: short,
        message:
          `order ${order.id} came after its hold expired, and ${short} of its ` +
          `${line.quantity} unit(s) were taken meanwhile at ${line.location_handle}; ` +
          'check the shelf and contact the customer',
        raised_at: now,
        resolved_at: null,
      })
      .execute();
  }
}
