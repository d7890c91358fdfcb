import type { Kysely } from 'kysely';
import { decideSellable } from '../../domain/decision/decide-sellable.js';
import type { Decision } from '../../domain/decision/decide-sellable.js';
import type { Database } from '../../storage/database-schema.js';
import { enqueuePush } from '../outbox/enqueue-push.js';

export interface ChannelModes {
  shopify: 'shadow' | 'publish';
  google: 'shadow' | 'publish';
}

/**
 * Recomputes the one stored decision of a level and hands every channel its value derived from
 * it. Shopify gets a push only for a managed store in publish mode whose targets differ from
 * what trueshelf placed; a store or channel in shadow records the decision and sends nothing.
 */
export async function refreshDecision(
  db: Kysely<Database>,
  key: { itemId: string; locationHandle: string },
  modes: ChannelModes,
  signalAt: string | null,
  now: string,
): Promise<Decision | null> {
  const row = await db
    .selectFrom('levels')
    .innerJoin('locations', 'locations.handle', 'levels.location_handle')
    .select([
      'levels.available',
      'levels.placed_safety_stock',
      'levels.placed_reserved',
      'levels.connected',
      'locations.buffer_units',
      'locations.managed',
      'locations.kind',
      'locations.mode',
    ])
    .where('levels.item_id', '=', key.itemId)
    .where('levels.location_handle', '=', key.locationHandle)
    .executeTakeFirst();
  if (!row) return null;

  const managed = row.managed === 1 && row.kind === 'store';
  const decision = decideSellable({
    available: row.connected ? row.available : 0,
    placedSafetyStock: row.placed_safety_stock,
    placedReserved: row.placed_reserved,
    buffer: row.buffer_units,
    liveHolds: 0,
    managed,
  });

  await storeDecision(db, key, decision, now);

  const needsMove =
    decision.targetSafetyStock !== row.placed_safety_stock ||
    decision.targetReserved !== row.placed_reserved;
  if (managed && row.mode === 'publish' && modes.shopify === 'publish' && needsMove) {
    await enqueuePush(
      db,
      {
        channel: 'shopify',
        itemId: key.itemId,
        locationHandle: key.locationHandle,
        target: { safetyStock: decision.targetSafetyStock, reserved: decision.targetReserved },
        signalAt,
      },
      now,
    );
  }

  return decision;
}

async function storeDecision(
  db: Kysely<Database>,
  key: { itemId: string; locationHandle: string },
  decision: Decision,
  now: string,
): Promise<void> {
  const values = {
    gross: decision.gross,
    buffer: decision.buffer,
    held: decision.held,
    sellable: decision.sellable,
    target_safety_stock: decision.targetSafetyStock,
    target_reserved: decision.targetReserved,
    computed_at: now,
  };
  await db
    .insertInto('decisions')
    .values({ item_id: key.itemId, location_handle: key.locationHandle, version: 1, ...values })
    .onConflict((oc) =>
      oc.columns(['item_id', 'location_handle']).doUpdateSet((eb) => ({
        ...values,
        version: eb('decisions.version', '+', 1),
      })),
    )
    .execute();
}
