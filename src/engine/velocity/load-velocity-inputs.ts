import type { Kysely } from 'kysely';
import type { LocalDay } from '../../domain/velocity/local-day.js';
import { addLocalDays } from '../../domain/velocity/local-day.js';
import {
  isValidTimeZone,
  localDayOf,
  startOfLocalDay,
} from '../../domain/velocity/local-day-of.js';
import type { AnySaleRecord } from '../../domain/velocity/sale-record.js';
import type { StockOutInterval } from '../../domain/velocity/stock-out.js';
import type { VelocityInput } from '../../domain/velocity/velocity.js';
import type { Database } from '../../storage/database-schema.js';
import { chunked } from '../erp/chunked.js';
import { readStockOuts } from './read-stock-outs.js';
import { velocityDb } from './velocity-database.js';

/** A level's velocity input, all but the defaults, which depend on the whole chain. */
export type LevelVelocityInput = Omit<VelocityInput, 'defaults'>;

export interface LocationVelocityInputs {
  timeZone: string | null;
  inputs: Map<string, LevelVelocityInput>;
}

/**
 * Everything `computeVelocity` needs for the levels of one location, from storage: the
 * recorded sales in the trailing window (by instant, or by local day for imported ones), the
 * stock-outs (see `readStockOuts`), when the location's sales history begins, and when each
 * item was first seen there. Without `itemIds`, every connected level of the location.
 */
export async function loadVelocityInputs(
  db: Kysely<Database>,
  locationHandle: string,
  windowDays: number,
  now: Date,
  itemIds?: readonly string[],
): Promise<LocationVelocityInputs> {
  const vdb = velocityDb(db);
  const location = await vdb
    .selectFrom('locations')
    .leftJoin('location_sales_history as h', 'h.location_handle', 'locations.handle')
    .select(['locations.time_zone', 'h.sales_since'])
    .where('locations.handle', '=', locationHandle)
    .executeTakeFirst();
  const timeZone = location?.time_zone ?? null;
  const items = itemIds ?? (await levelItems(db, locationHandle));
  const inputs = new Map<string, LevelVelocityInput>();
  const base = { locationId: locationHandle, timeZone, windowDays, now, sales: [] };
  if (timeZone === null || !isValidTimeZone(timeZone) || items.length === 0) {
    for (const itemId of items) inputs.set(itemId, { ...base, itemId });
    return { timeZone, inputs };
  }

  const today = localDayOf(now, timeZone);
  const firstDay = addLocalDays(today, -windowDays);
  const from = startOfLocalDay(firstDay, timeZone).toISOString();
  const until = startOfLocalDay(today, timeZone).toISOString();

  const sales = new Map<string, AnySaleRecord[]>();
  const stockOuts = new Map<string, StockOutInterval[]>();
  const firstSeen = new Map<string, LocalDay>();
  for (const chunk of itemIds ? chunked(items, 500) : [null]) {
    await readSales(db, locationHandle, { from, until, firstDay, today }, chunk, sales);
    await readStockOuts(db, locationHandle, from, chunk, stockOuts);
    await readFirstSeen(db, locationHandle, timeZone, chunk, firstSeen);
  }

  // The item was there when trueshelf first saw the store: only a later first day is "new".
  let storeFirstDay: LocalDay | null = null;
  for (const day of firstSeen.values()) {
    if (storeFirstDay === null || day < storeFirstDay) storeFirstDay = day;
  }
  // Before the first recompute records when trueshelf began keeping sales here (or an import
  // moves it back), the history begins when trueshelf first saw the store: days before that
  // are unknown, not days without sales.
  const salesSince = location?.sales_since
    ? new Date(location.sales_since)
    : storeFirstDay === null
      ? now
      : startOfLocalDay(storeFirstDay, timeZone);
  for (const itemId of items) {
    const seen = firstSeen.get(itemId);
    const newHere = seen !== undefined && seen !== storeFirstDay;
    inputs.set(itemId, {
      ...base,
      itemId,
      sales: sales.get(itemId) ?? [],
      stockOuts: { intervals: stockOuts.get(itemId) ?? [] },
      locationSalesSince: salesSince,
      itemStockedSince: newHere ? startOfLocalDay(seen, timeZone) : null,
    });
  }
  return { timeZone, inputs };
}

async function levelItems(db: Kysely<Database>, locationHandle: string): Promise<string[]> {
  const rows = await db
    .selectFrom('levels')
    .select('item_id')
    .where('location_handle', '=', locationHandle)
    .where('connected', '=', 1)
    .orderBy('item_id')
    .execute();
  return rows.map((row) => row.item_id);
}

async function readSales(
  db: Kysely<Database>,
  locationHandle: string,
  window: { from: string; until: string; firstDay: string; today: string },
  itemIds: string[] | null,
  into: Map<string, AnySaleRecord[]>,
): Promise<void> {
  let query = velocityDb(db)
    .selectFrom('sales')
    .select(['item_id', 'quantity', 'occurred_at', 'local_day'])
    .where('location_handle', '=', locationHandle)
    .where((eb) =>
      eb.or([
        eb.and([eb('occurred_at', '>=', window.from), eb('occurred_at', '<', window.until)]),
        eb.and([eb('local_day', '>=', window.firstDay), eb('local_day', '<', window.today)]),
      ]),
    );
  if (itemIds) query = query.where('item_id', 'in', itemIds);

  for (const row of await query.execute()) {
    const record: AnySaleRecord =
      row.local_day !== null
        ? {
            itemId: row.item_id,
            locationId: locationHandle,
            quantity: row.quantity,
            localDay: row.local_day,
          }
        : {
            itemId: row.item_id,
            locationId: locationHandle,
            quantity: row.quantity,
            occurredAt: new Date(row.occurred_at ?? window.from),
          };
    const list = into.get(row.item_id) ?? [];
    list.push(record);
    into.set(row.item_id, list);
  }
}

// The local day of each item's earliest movement or sale at the location: when trueshelf first
// saw it there.
async function readFirstSeen(
  db: Kysely<Database>,
  locationHandle: string,
  timeZone: string,
  itemIds: string[] | null,
  into: Map<string, LocalDay>,
): Promise<void> {
  let movements = db
    .selectFrom('movements')
    .select(['item_id', (eb) => eb.fn.min<string>('occurred_at').as('first')])
    .where('location_handle', '=', locationHandle)
    .groupBy('item_id');
  if (itemIds) movements = movements.where('item_id', 'in', itemIds);
  let sales = velocityDb(db)
    .selectFrom('sales')
    .select([
      'item_id',
      (eb) => eb.fn.min<string | null>('occurred_at').as('first'),
      (eb) => eb.fn.min<string | null>('local_day').as('firstDay'),
    ])
    .where('location_handle', '=', locationHandle)
    .groupBy('item_id');
  if (itemIds) sales = sales.where('item_id', 'in', itemIds);

  const note = (itemId: string, day: LocalDay) => {
    const known = into.get(itemId);
    if (known === undefined || day < known) into.set(itemId, day);
  };
  for (const row of await movements.execute()) {
    if (row.first) note(row.item_id, localDayOf(new Date(row.first), timeZone));
  }
  for (const row of await sales.execute()) {
    if (row.first) note(row.item_id, localDayOf(new Date(row.first), timeZone));
    if (row.firstDay) note(row.item_id, row.firstDay);
  }
}
