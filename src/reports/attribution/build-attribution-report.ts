import type { Kysely } from 'kysely';
import { attributionDb } from '../../engine/attribution/attribution-database.js';
import type { Clock } from '../../shared/clock.js';
import { systemClock } from '../../shared/clock.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import type { Database } from '../../storage/database-schema.js';
import type { AttributionReport, AttributionRow, CreditTotals } from './attribution-report.js';
import { localDay, requireDay, utcWindow } from './local-day.js';

export interface AttributionReportOptions {
  /** First and last day, YYYY-MM-DD, inclusive, each store counting in its own time zone. */
  from: string;
  to: string;
  ecommerceTimeZone?: string;
  clock?: Clock;
}

const MAX_DAYS = 366;

/**
 * Credit by store, associate, channel, class and store-local day over a period, from the
 * attribution ledger. Accepts the Kysely handle or the storage port.
 */
export async function buildAttributionReport(
  source: Kysely<Database> | { db: Kysely<Database> },
  options: AttributionReportOptions,
): Promise<AttributionReport> {
  const from = requireDay(options.from, 'from');
  const to = requireDay(options.to, 'to');
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (span < 0 || span >= MAX_DAYS) {
    throw new TrueshelfError(
      'invalid_request',
      `from ${from} to ${to} is ${span + 1} days; expected 1 to ${MAX_DAYS} days, from not after to`,
      { parameter: 'to', seen: to, expected: `a day from ${from}, at most ${MAX_DAYS} days on` },
    );
  }
  const db = attributionDb('db' in source ? source.db : source);
  const ecommerceTimeZone = options.ecommerceTimeZone ?? 'UTC';

  const locations = await db
    .selectFrom('locations')
    .select(['handle', 'name', 'kind', 'time_zone'])
    .execute();
  const byHandle = new Map(locations.map((l) => [l.handle, l]));
  const zoneOf = (handle: string | null) =>
    (handle ? byHandle.get(handle)?.time_zone : null) ?? ecommerceTimeZone;

  const { lo, hi } = utcWindow(from, to);
  const entries = await db
    .selectFrom('attribution_entries')
    .selectAll()
    .where('occurred_at', '>=', lo)
    .where('occurred_at', '<', hi)
    .execute();

  const rows = new Map<string, AttributionRow & { orderIds: Set<string> }>();
  // What customers paid in, per channel and presentment currency (the same rows, other money).
  const paid: (AttributionRow & { orderIds: Set<string> })[] = [];
  for (const entry of entries) {
    const timeZone = zoneOf(entry.day_handle);
    const day = localDay(entry.occurred_at, timeZone);
    if (day < from || day > to) continue;
    const store =
      entry.party === 'fulfilling_location'
        ? entry.fulfilling_handle
        : entry.party === 'ecommerce'
          ? 'ecommerce'
          : (entry.selling_handle ?? 'ecommerce');
    const associate = entry.party === 'associate' ? (entry.party_ref ?? null) : null;
    const key = [
      day,
      store,
      entry.channel,
      entry.class,
      entry.credit,
      entry.party,
      associate,
      entry.currency,
    ].join('|');
    const amount = Number(entry.amount_minor);
    const row = rows.get(key) ?? {
      day,
      store,
      timeZone,
      channel: entry.channel,
      class: entry.class,
      credit: entry.credit === 'fulfilment' ? ('fulfilment' as const) : ('sale' as const),
      party: entry.party,
      associate,
      currency: entry.currency,
      amount: 0,
      reversed: 0,
      orders: 0,
      orderIds: new Set<string>(),
    };
    row.amount += amount;
    if (amount < 0) row.reversed += amount;
    row.orderIds.add(entry.order_id);
    rows.set(key, row);
    if (entry.party !== 'associate') {
      const presentment = Number(entry.presentment_amount_minor);
      paid.push({
        ...row,
        currency: entry.presentment_currency,
        amount: presentment,
        reversed: Math.min(0, presentment),
        orderIds: new Set([entry.order_id]),
      });
    }
  }

  const all = [...rows.values()].sort((a, b) =>
    [a.day, a.store, a.channel, a.class, a.credit, a.party].join('|') <
    [b.day, b.store, b.channel, b.class, b.credit, b.party].join('|')
      ? -1
      : 1,
  );
  // Associates are inside their store's credit: totals count locations and e-commerce only.
  const located = all.filter((row) => row.party !== 'associate');
  const group = <K extends Record<string, unknown>>(
    list: typeof all,
    keyOf: (row: AttributionRow) => K,
  ) => totals(list, keyOf);

  return {
    generatedAt: (options.clock ?? systemClock)().toISOString(),
    from,
    to,
    ecommerceTimeZone,
    currencies: [...new Set(all.map((row) => row.currency))].sort(),
    totals: group(located, () => ({})),
    stores: group(located, (row) => {
      const location = byHandle.get(row.store);
      return {
        store: row.store,
        name: location?.name ?? (row.store === 'ecommerce' ? 'E-commerce' : row.store),
        kind: location?.kind ?? 'ecommerce',
        timeZone: row.timeZone,
      };
    }),
    associates: group(
      all.filter((row) => row.party === 'associate'),
      (row) => ({ staffId: row.associate, store: row.store }),
    ),
    channels: group(located, (row) => ({ channel: row.channel })),
    classes: group(located, (row) => ({ class: row.class, channel: row.channel })),
    days: group(located, (row) => ({ day: row.day, store: row.store, timeZone: row.timeZone })),
    presentment: group(paid, (row) => ({ channel: row.channel })),
    rows: all.map(({ orderIds, ...row }) => ({ ...row, orders: orderIds.size })),
  };
}

/** Sums rows into one `CreditTotals` per key and currency, in first-seen order. */
function totals<K extends Record<string, unknown>>(
  rows: readonly (AttributionRow & { orderIds: Set<string> })[],
  keyOf: (row: AttributionRow) => K,
): (CreditTotals & K)[] {
  const groups = new Map<string, CreditTotals & K & { ids: Set<string> }>();
  for (const row of rows) {
    const key = keyOf(row);
    const id = JSON.stringify([key, row.currency]);
    const group =
      groups.get(id) ??
      ({
        ...key,
        currency: row.currency,
        saleCredit: 0,
        fulfilmentCredit: 0,
        reversedSale: 0,
        reversedFulfilment: 0,
        orders: 0,
        ids: new Set<string>(),
      } as CreditTotals & K & { ids: Set<string> });
    if (row.credit === 'sale') {
      group.saleCredit += row.amount;
      group.reversedSale += row.reversed;
    } else {
      group.fulfilmentCredit += row.amount;
      group.reversedFulfilment += row.reversed;
    }
    for (const orderId of row.orderIds) group.ids.add(orderId);
    groups.set(id, group);
  }
  return [...groups.values()].map(
    ({ ids, ...group }) => ({ ...group, orders: ids.size }) as CreditTotals & K,
  );
}
