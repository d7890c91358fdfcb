import { sql } from 'kysely';
import { systemClock } from '../../shared/clock.js';
import type { Clock } from '../../shared/clock.js';
import type { Storage } from '../../storage/storage.js';
import { auditDb } from './audit-db.js';
import type { AuditDb } from './audit-db.js';
import type { CountCandidate, CountPlan, GhostSignal, StoreCountPlan } from './count-plan.js';
import { ghostLikelihood, silentSellerExpectation } from './ghost-likelihood.js';
import { FACT_MATCHED_CAUSES, SALE_CAUSES } from './ledger-causes.js';

export interface CountPlanOptions {
  /** One store; every active location with levels when left out. */
  location?: string;
  /** Candidates per store. */
  limit: number;
  lookbackDays?: number;
  /** Days that stand in for an item never counted (it may have drifted since it arrived). */
  neverCountedDays?: number;
  clock?: Clock;
}

const DAY_MS = 86_400_000;
// An item that did not sell can still hold ghosts; a floor keeps it in the ranking.
const VELOCITY_FLOOR = 0.1;
// The value that stands in for an item with neither cost nor price (1.00).
const UNKNOWN_VALUE_CENTS = 100;

/**
 * What to count next at each store: score = velocity × unit value × days since last count ×
 * ghost likelihood, each factor shown. Fast, dear items that have not been counted for a
 * long time and show signs of ghosts come first: they cost the most when the books are wrong.
 * Velocity here is plain units per day over the lookback (out-of-stock days are not left out).
 */
export async function planCounts(storage: Storage, options: CountPlanOptions): Promise<CountPlan> {
  const clock = options.clock ?? systemClock;
  const lookbackDays = options.lookbackDays ?? 28;
  const now = clock();
  const db = auditDb(storage);

  const locations = await db
    .selectFrom('locations')
    .select(['handle', 'name'])
    .where('active', '=', 1)
    .$if(options.location !== undefined, (q) => q.where('handle', '=', options.location!))
    .orderBy('handle')
    .execute();

  const stores: StoreCountPlan[] = [];
  for (const location of locations) {
    const candidates = await rankStore(db, location.handle, now, lookbackDays, options);
    if (candidates.length > 0)
      stores.push({ locationHandle: location.handle, name: location.name, candidates });
  }
  return { generatedAt: now.toISOString(), lookbackDays, stores };
}

async function rankStore(
  db: AuditDb,
  handle: string,
  now: Date,
  lookbackDays: number,
  options: CountPlanOptions,
): Promise<CountCandidate[]> {
  const since = new Date(now.getTime() - lookbackDays * DAY_MS).toISOString();
  const levels = await db
    .selectFrom('levels as l')
    .innerJoin('items as it', 'it.id', 'l.item_id')
    .select(['l.item_id', 'l.on_hand', 'it.sku', 'it.title', 'it.cost_cents', 'it.price_cents'])
    .where('l.location_handle', '=', handle)
    .where('it.deleted_at', 'is', null)
    .execute();
  if (levels.length === 0) return [];

  const signs = await readSigns(db, handle, since);
  const counts = await readLastCounts(db, handle);

  const scored = levels.map((level) => {
    const sales = signs.sales.get(level.item_id);
    const last = counts.get(level.item_id);
    const signals: GhostSignal[] = [];
    if (signs.belowZero.has(level.item_id)) signals.push('sold_below_zero');
    if (sales && isSilent(sales, now, since)) signals.push('no_sale_for_days');
    if (signs.unexplained.has(level.item_id)) signals.push('unexplained_adjustments');
    if (last && last.variance !== null && last.variance < 0)
      signals.push('ghost_units_at_last_count');

    const velocityPerDay = Math.max(VELOCITY_FLOOR, (sales?.units ?? 0) / lookbackDays);
    const known = level.cost_cents ?? level.price_cents;
    const daysSinceLastCount = last
      ? Math.max(0, (now.getTime() - Date.parse(last.countedAt)) / DAY_MS)
      : null;
    const daysFactor = Math.max(1, daysSinceLastCount ?? options.neverCountedDays ?? 90);
    const likelihood = ghostLikelihood(signals);
    const unitValueCents = known ?? UNKNOWN_VALUE_CENTS;

    return {
      itemId: level.item_id,
      sku: level.sku,
      title: level.title,
      onHand: level.on_hand,
      score: round(velocityPerDay * (unitValueCents / 100) * daysFactor * likelihood, 2),
      factors: {
        velocityPerDay: round(velocityPerDay, 3),
        unitValueCents,
        valueKnown: known !== null,
        daysSinceLastCount: daysSinceLastCount === null ? null : round(daysSinceLastCount, 1),
        daysFactor: round(daysFactor, 1),
        ghostLikelihood: likelihood,
        signals,
      },
    };
  });

  return scored
    .sort((a, b) => b.score - a.score || a.itemId.localeCompare(b.itemId))
    .slice(0, options.limit)
    .map((candidate, index) => ({ rank: index + 1, ...candidate }));
}

interface SalesSign {
  units: number;
  events: number;
  lastSaleAt: string;
}

async function readSigns(db: AuditDb, handle: string, since: string) {
  const inWindow = db
    .selectFrom('movements')
    .where('location_handle', '=', handle)
    .where('occurred_at', '>=', since)
    .groupBy('item_id');

  const sales = await inWindow
    .select([
      'item_id',
      sql<number>`SUM(-delta)`.as('units'),
      sql<number>`COUNT(*)`.as('events'),
      sql<string>`MAX(occurred_at)`.as('last_sale_at'),
    ])
    .where('state', '=', 'on_hand')
    .where('delta', '<', 0)
    .where('cause_kind', 'in', [...SALE_CAUSES])
    .execute();

  const belowZero = await inWindow
    .select('item_id')
    .where('state', '=', 'available')
    .where('quantity_after', '<', 0)
    .execute();

  const unexplained = await inWindow
    .select('item_id')
    .where('state', '=', 'on_hand')
    .where((eb) =>
      eb.or([
        eb('cause_kind', '=', 'adjusted'),
        eb.and([eb('cause_kind', 'in', [...FACT_MATCHED_CAUSES]), eb('cause_ref', 'is', null)]),
      ]),
    )
    .execute();

  return {
    sales: new Map<string, SalesSign>(
      sales.map((r) => [
        r.item_id,
        { units: Number(r.units), events: Number(r.events), lastSaleAt: r.last_sale_at },
      ]),
    ),
    belowZero: new Set(belowZero.map((r) => r.item_id)),
    unexplained: new Set(unexplained.map((r) => r.item_id)),
  };
}

async function readLastCounts(
  db: AuditDb,
  handle: string,
): Promise<Map<string, { countedAt: string; variance: number | null }>> {
  const rows = await db
    .with('ranked', (qb) =>
      qb
        .selectFrom('count_lines as c')
        .innerJoin('count_imports as i', 'i.id', 'c.import_id')
        .where('i.status', '=', 'accepted')
        .where('c.location_handle', '=', handle)
        .select([
          'c.item_id',
          'c.counted_at',
          'c.variance',
          sql<number>`ROW_NUMBER() OVER (PARTITION BY c.item_id ORDER BY c.counted_at DESC, c.import_id DESC)`.as(
            'position',
          ),
        ]),
    )
    .selectFrom('ranked')
    .select(['item_id', 'counted_at', 'variance'])
    .where('position', '=', 1)
    .execute();
  return new Map(rows.map((r) => [r.item_id, { countedAt: r.counted_at, variance: r.variance }]));
}

function isSilent(sales: SalesSign, now: Date, since: string): boolean {
  const lastSale = Date.parse(sales.lastSaleAt);
  const activeDays = (lastSale - Date.parse(since)) / DAY_MS;
  return silentSellerExpectation(sales, activeDays, (now.getTime() - lastSale) / DAY_MS) !== null;
}

function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}
