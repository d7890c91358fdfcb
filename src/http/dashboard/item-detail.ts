import type { Kysely } from 'kysely';
import { lapsedHeldUnits, withoutLapsedHolds } from '../../engine/holds/lapsed-held-units.js';
import type { Database } from '../../storage/database-schema.js';

export interface ItemLevel {
  location: string;
  onHand: number;
  committed: number;
  reserved: number;
  available: number;
  placedSafetyStock: number;
  placedReserved: number;
  lastChangeAt: string | null;
  /** What the location's settings say: its fixed buffer (`bufferUnits`), mode and management. */
  setting: { bufferUnits: number; mode: string; managed: boolean; kind: string } | null;
  /** The stored decision, null before the first one: it is the buffer's explanation for now. */
  decision: {
    gross: number;
    buffer: number;
    held: number;
    sellable: number;
    targetSafetyStock: number;
    targetReserved: number;
    computedAt: string;
  } | null;
}

export interface ItemMovement {
  id: string;
  location: string;
  state: string;
  delta: number;
  quantityAfter: number;
  causeKind: string;
  causeRef: string | null;
  source: string;
  occurredAt: string;
  learnedAt: string;
}

export interface ItemDetail {
  item: { id: string; sku: string | null; title: string | null; barcode: string | null };
  levels: ItemLevel[];
  movements: ItemMovement[];
}

export const ITEM_MOVEMENTS_LIMIT = 200;

/**
 * One item across every location, with its newest movements; null for an unknown item. Each
 * decision is as of `now`: a hold that ran out stops counting at once, swept or not.
 */
export async function itemDetail(
  db: Kysely<Database>,
  itemId: string,
  now: Date,
): Promise<ItemDetail | null> {
  const item = await db
    .selectFrom('items')
    .select(['id', 'sku', 'title', 'barcode'])
    .where('id', '=', itemId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!item) return null;

  const [levels, movements] = await Promise.all([
    db
      .selectFrom('levels as l')
      .leftJoin('locations as loc', 'loc.handle', 'l.location_handle')
      .leftJoin('decisions as d', (join) =>
        join
          .onRef('d.item_id', '=', 'l.item_id')
          .onRef('d.location_handle', '=', 'l.location_handle'),
      )
      .selectAll('l')
      .select([
        'loc.buffer_units',
        'loc.mode',
        'loc.managed',
        'loc.kind',
        'd.gross',
        'd.buffer',
        'd.held',
        'd.sellable',
        'd.target_safety_stock',
        'd.target_reserved',
        'd.computed_at',
        lapsedHeldUnits(now.toISOString(), 'l.item_id', 'l.location_handle').as('lapsed_held'),
      ])
      .where('l.item_id', '=', itemId)
      .where('l.connected', '=', 1)
      .orderBy('l.location_handle')
      .execute(),
    db
      .selectFrom('movements')
      .selectAll()
      .where('item_id', '=', itemId)
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .limit(ITEM_MOVEMENTS_LIMIT)
      .execute(),
  ]);

  return {
    item,
    levels: levels.map((stored) => {
      const row = withoutLapsedHolds(stored, Number(stored.lapsed_held));
      return {
        location: row.location_handle,
        onHand: row.on_hand,
        committed: row.committed,
        reserved: row.reserved,
        available: row.available,
        placedSafetyStock: row.placed_safety_stock,
        placedReserved: row.placed_reserved,
        lastChangeAt: row.changed_at,
        setting:
          row.mode === null
            ? null
            : {
                bufferUnits: row.buffer_units ?? 0,
                mode: row.mode,
                managed: row.managed === 1,
                kind: row.kind ?? 'store',
              },
        decision:
          row.computed_at === null
            ? null
            : {
                gross: row.gross ?? 0,
                buffer: row.buffer ?? 0,
                held: row.held ?? 0,
                sellable: row.sellable ?? 0,
                targetSafetyStock: row.target_safety_stock ?? 0,
                targetReserved: row.target_reserved ?? 0,
                computedAt: row.computed_at,
              },
      };
    }),
    movements: movements.map((row) => ({
      id: row.id,
      location: row.location_handle,
      state: row.state,
      delta: row.delta,
      quantityAfter: row.quantity_after,
      causeKind: row.cause_kind,
      causeRef: row.cause_ref,
      source: row.source,
      occurredAt: row.occurred_at,
      learnedAt: row.learned_at,
    })),
  };
}
