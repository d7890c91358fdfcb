import type { Insertable } from 'kysely';
import type {
  DecisionTable,
  DeliveryTable,
  ItemTable,
  LevelTable,
  LocationTable,
  MovementTable,
  OutboxTable,
} from '../../../src/storage/database-schema.js';
import type { Storage } from '../../../src/storage/storage.js';

const AT = '2026-05-01T08:00:00.000Z';

type Row<Table> = Partial<Insertable<Table>>;

/** Rows inserted straight into the tables, with only what a test cares about spelled out. */
export function seedRows(storage: Storage) {
  const { db } = storage;

  return {
    location: (row: Row<LocationTable> & { handle: string }) =>
      db
        .insertInto('locations')
        .values({
          name: row.handle,
          kind: 'store',
          managed: 0,
          mode: 'shadow',
          buffer_units: 0,
          pickup_enabled: 0,
          pickup_time_hours: 2,
          fulfills_online: 1,
          active: 1,
          origin: 'config',
          updated_at: AT,
          ...row,
        })
        .execute(),

    item: (row: Row<ItemTable> & { id: string }) =>
      db
        .insertInto('items')
        .values({ tracked: 1, updated_at: AT, ...row })
        .execute(),

    level: (row: Row<LevelTable> & { item_id: string; location_handle: string }) =>
      db
        .insertInto('levels')
        .values({
          on_hand: 0,
          available: 0,
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
          ...row,
        })
        .execute(),

    decision: (row: Row<DecisionTable> & { item_id: string; location_handle: string }) =>
      db
        .insertInto('decisions')
        .values({
          gross: 0,
          buffer: 0,
          held: 0,
          sellable: 0,
          target_safety_stock: 0,
          target_reserved: 0,
          version: 1,
          computed_at: AT,
          ...row,
        })
        .execute(),

    movement: (row: Row<MovementTable> & { id: string; occurred_at: string }) =>
      db
        .insertInto('movements')
        .values({
          item_id: 'item-1',
          location_handle: 'queen-st',
          state: 'available',
          delta: -1,
          quantity_after: 0,
          cause_kind: 'order_line',
          source: 'shopify',
          learned_at: row.occurred_at,
          ...row,
        })
        .execute(),

    delivery: (row: Row<DeliveryTable> & { id: string; received_at: string }) =>
      db
        .insertInto('deliveries')
        .values({
          shop: 'north-shelf.myshopify.com',
          topic: 'orders/create',
          webhook_id: `wh-${row.id}`,
          body: '{}',
          status: 'pending',
          attempts: 0,
          ...row,
        })
        .execute(),

    outbox: (
      row: Row<OutboxTable> & { channel: string; item_id: string; location_handle: string },
    ) =>
      db
        .insertInto('outbox')
        .values({
          target: '{"sellable":0}',
          target_version: 1,
          sent_version: 0,
          status: 'pending',
          attempts: 0,
          next_attempt_at: AT,
          updated_at: AT,
          ...row,
        })
        .execute(),
  };
}
