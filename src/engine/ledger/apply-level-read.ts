import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { diffQuantities } from '../../domain/movements/diff-quantities.js';
import { emptyQuantities } from '../../domain/quantities/level-quantities.js';
import type { LevelQuantities } from '../../domain/quantities/level-quantities.js';
import type { ShopifyLevelRead } from '../../sources/shopify/read-levels.js';
import type { Database, LevelTable } from '../../storage/database-schema.js';
import { refreshDecision } from '../decision/refresh-decision.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import { ensureItem, ensureLocation } from '../registry/ensure-mirrored-entities.js';
import { matchCause } from './match-cause.js';

export type ApplyReadOutcome =
  | { applied: true; movements: number; itemId: string; locationHandle: string }
  | { applied: false; reason: 'stale' | 'push_in_flight' };

/**
 * Applies one fresh read of a level, inside the caller's transaction: the difference from the
 * last read becomes movements with their likely cause, the level takes the new quantities, and
 * the decision is refreshed. A read is refused when the level changed since the read began
 * (version) or while one of our own pushes to it is in flight: its echo would otherwise be
 * counted twice. The caller re-reads later.
 */
export async function applyLevelRead(
  trx: Kysely<Database>,
  read: ShopifyLevelRead,
  expectedVersion: number | null,
  context: { now: string; signalAt: string | null; modes: ChannelModes },
): Promise<ApplyReadOutcome> {
  const { handle } = await ensureLocation(
    trx,
    read.shopifyLocationId,
    read.locationName,
    context.now,
  );
  const { id: itemId } = await ensureItem(trx, read.shopifyItemId, read.item, context.now);

  const level = await trx
    .selectFrom('levels')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('location_handle', '=', handle)
    .executeTakeFirst();

  if (level?.in_flight_push) return { applied: false, reason: 'push_in_flight' };
  if ((level?.version ?? null) !== expectedVersion) return { applied: false, reason: 'stale' };

  const before = level ? quantitiesOf(level) : emptyQuantities();
  const changes = diffQuantities(before, read.quantities);
  const occurredAt =
    latestUpdate(
      read,
      changes.map((c) => c.state),
    ) ??
    context.signalAt ??
    context.now;

  if (!level) {
    await trx
      .insertInto('levels')
      .values({
        item_id: itemId,
        location_handle: handle,
        ...columnsOf(read.quantities),
        version: 1,
        read_at: context.now,
        changed_at: occurredAt,
        connected: 1,
        placed_safety_stock: 0,
        placed_reserved: 0,
        in_flight_push: null,
      })
      .execute();
  } else {
    const updated = await trx
      .updateTable('levels')
      .set((eb) => ({
        ...columnsOf(read.quantities),
        connected: 1,
        read_at: context.now,
        changed_at: changes.length > 0 ? occurredAt : level.changed_at,
        version: eb('version', '+', 1),
      }))
      .where('item_id', '=', itemId)
      .where('location_handle', '=', handle)
      .where('version', '=', level.version)
      .where('in_flight_push', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { applied: false, reason: 'stale' };
  }

  if (changes.length > 0) {
    const cause: { kind: string; ref: string | null } = level
      ? await matchCause(trx, { itemId, locationHandle: handle }, changes)
      : { kind: 'first_read', ref: null };
    await trx
      .insertInto('movements')
      .values(
        changes.map((change) => ({
          id: randomUUID(),
          item_id: itemId,
          location_handle: handle,
          state: change.state,
          delta: change.delta,
          quantity_after: change.after,
          cause_kind: cause.kind,
          cause_ref: cause.ref,
          source: 'shopify_read',
          occurred_at: occurredAt,
          learned_at: context.now,
        })),
      )
      .execute();
  }

  await refreshDecision(
    trx,
    { itemId, locationHandle: handle },
    context.modes,
    context.signalAt,
    context.now,
  );
  return { applied: true, movements: changes.length, itemId, locationHandle: handle };
}

function quantitiesOf(level: LevelTable): LevelQuantities {
  return {
    available: level.available,
    committed: level.committed,
    reserved: level.reserved,
    safety_stock: level.safety_stock,
    damaged: level.damaged,
    quality_control: level.quality_control,
    on_hand: level.on_hand,
    incoming: level.incoming,
  };
}

function columnsOf(q: LevelQuantities) {
  return {
    available: q.available,
    committed: q.committed,
    reserved: q.reserved,
    safety_stock: q.safety_stock,
    damaged: q.damaged,
    quality_control: q.quality_control,
    on_hand: q.on_hand,
    incoming: q.incoming,
  };
}

function latestUpdate(read: ShopifyLevelRead, states: readonly string[]): string | null {
  const stamps = states
    .map((s) => read.updatedAt[s as keyof LevelQuantities])
    .filter((s): s is string => typeof s === 'string' && !Number.isNaN(Date.parse(s)))
    .map((s) => new Date(s).toISOString());
  return stamps.length > 0 ? (stamps.sort().at(-1) ?? null) : null;
}
