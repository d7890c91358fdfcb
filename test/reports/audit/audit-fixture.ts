import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Storage } from '../../../src/storage/storage.js';

export const T0 = '2026-03-01T00:00:00.000Z';

export interface LocationSeed {
  handle: string;
  name?: string;
  kind?: 'store' | 'warehouse';
  managed?: boolean;
  mode?: 'shadow' | 'publish';
  timeZone?: string;
  shopifyLocationId?: string | null;
  netsuiteId?: string | null;
}

export async function seedLocation(storage: Storage, seed: LocationSeed): Promise<void> {
  await storage.db
    .insertInto('locations')
    .values({
      handle: seed.handle,
      name: seed.name ?? seed.handle,
      kind: seed.kind ?? 'store',
      time_zone: seed.timeZone ?? 'Australia/Brisbane',
      google_store_code: null,
      shopify_location_id: seed.shopifyLocationId ?? null,
      netsuite_id: seed.netsuiteId ?? null,
      managed: seed.managed === false ? 0 : 1,
      mode: seed.mode ?? 'publish',
      buffer_units: 0,
      pickup_enabled: 0,
      pickup_time_hours: 2,
      fulfills_online: 1,
      active: 1,
      origin: 'config',
      updated_at: T0,
    })
    .execute();
}

export interface ItemSeed {
  id: string;
  sku?: string | null;
  barcode?: string | null;
  category?: string | null;
  costCents?: number | null;
  priceCents?: number | null;
  shopifyInventoryItemId?: string | null;
  deleted?: boolean;
}

export async function seedItem(storage: Storage, seed: ItemSeed): Promise<void> {
  await storage.db
    .insertInto('items')
    .values({
      id: seed.id,
      sku: seed.sku === undefined ? seed.id.toUpperCase() : seed.sku,
      barcode: seed.barcode ?? null,
      title: `Item ${seed.id}`,
      shopify_inventory_item_id: seed.shopifyInventoryItemId ?? null,
      shopify_variant_id: null,
      tracked: 1,
      inventory_policy: 'deny',
      category: seed.category ?? null,
      price_cents: seed.priceCents === undefined ? null : seed.priceCents,
      cost_cents: seed.costCents === undefined ? null : seed.costCents,
      deleted_at: seed.deleted ? T0 : null,
      updated_at: T0,
    })
    .execute();
}

interface Quantities {
  onHand: number;
  available: number;
  committed: number;
}

/**
 * One level and its ledger, kept the way the mirror keeps them: every change is a movement
 * and the level always equals the sum of its deltas.
 */
export class LevelLedger {
  private quantities: Quantities = { onHand: 0, available: 0, committed: 0 };

  private constructor(
    private readonly storage: Storage,
    readonly itemId: string,
    readonly locationHandle: string,
  ) {}

  /** The level's first read: on hand and available as given, committed 0. */
  static async open(
    storage: Storage,
    itemId: string,
    locationHandle: string,
    onHand: number,
    at: string,
  ): Promise<LevelLedger> {
    const ledger = new LevelLedger(storage, itemId, locationHandle);
    await storage.db
      .insertInto('levels')
      .values(levelRow(itemId, locationHandle, 0, 0))
      .execute();
    await ledger.change({ onHand, available: onHand }, 'first_read', null, at, at);
    return ledger;
  }

  /** A POS sale: on hand and available both go down. */
  async posSale(units: number, at: string, learnedAt = at): Promise<void> {
    await this.change(
      { onHand: -units, available: -units },
      'sold_and_taken',
      `order:${randomUUID()}:1`,
      at,
      learnedAt,
    );
  }

  /** A change nothing explains (a shrink write-off, a miskey). */
  async adjust(units: number, at: string, learnedAt = at): Promise<void> {
    await this.change({ onHand: units, available: units }, 'adjusted', null, at, learnedAt);
  }

  async receive(units: number, at: string, learnedAt = at): Promise<void> {
    await this.change(
      { onHand: units, available: units },
      'restocked',
      `transfer:${randomUUID()}:1`,
      at,
      learnedAt,
    );
  }

  get current(): Readonly<Quantities> {
    return this.quantities;
  }

  /** Applies the deltas to the stored level (relative, so others' changes stand) and logs them. */
  private async change(
    delta: Partial<Quantities>,
    causeKind: string,
    causeRef: string | null,
    at: string,
    learnedAt: string,
  ): Promise<void> {
    const onHand = delta.onHand ?? 0;
    const available = delta.available ?? 0;
    const committed = delta.committed ?? 0;
    const after = await this.storage.db
      .updateTable('levels')
      .set({
        on_hand: sql<number>`on_hand + ${onHand}`,
        available: sql<number>`available + ${available}`,
        committed: sql<number>`committed + ${committed}`,
        version: sql<number>`version + 1`,
        changed_at: at,
      })
      .where('item_id', '=', this.itemId)
      .where('location_handle', '=', this.locationHandle)
      .returning(['on_hand', 'available', 'committed'])
      .executeTakeFirstOrThrow();
    this.quantities = {
      onHand: after.on_hand,
      available: after.available,
      committed: after.committed,
    };

    const rows = [];
    for (const [state, d, quantityAfter] of [
      ['on_hand', onHand, after.on_hand],
      ['available', available, after.available],
      ['committed', committed, after.committed],
    ] as const) {
      if (d === 0) continue;
      rows.push({
        id: randomUUID(),
        item_id: this.itemId,
        location_handle: this.locationHandle,
        state,
        delta: d,
        quantity_after: quantityAfter,
        cause_kind: causeKind,
        cause_ref: causeRef,
        source: 'shopify_read',
        occurred_at: at,
        learned_at: learnedAt,
      });
    }
    if (rows.length > 0) await this.storage.db.insertInto('movements').values(rows).execute();
  }
}

/** An instant `hours` after T0 (or after `from`), as the ledger writes it. */
export function at(hours: number, from = T0): string {
  return new Date(Date.parse(from) + hours * 3_600_000).toISOString();
}

/** A fixed clock. */
export function clockAt(instant: string): () => Date {
  return () => new Date(instant);
}

/** A complete `levels` row: the given on hand and available, every other state 0. */
export function levelRow(
  itemId: string,
  locationHandle: string,
  onHand: number,
  available: number,
) {
  return {
    item_id: itemId,
    location_handle: locationHandle,
    on_hand: onHand,
    available,
    committed: 0,
    reserved: 0,
    safety_stock: 0,
    damaged: 0,
    quality_control: 0,
    incoming: 0,
    placed_safety_stock: 0,
    placed_reserved: 0,
    connected: 1,
    version: 1,
    in_flight_push: null,
    read_at: T0,
    changed_at: T0,
  };
}
