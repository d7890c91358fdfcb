import { silentSellerExpectation } from './ghost-likelihood.js';
import type { LikelyCause } from './likely-cause.js';
import {
  PICKUP_CANCELLED_CAUSES,
  SALE_CAUSES,
  SHORT_PICK_CAUSES,
  isUnexplained,
} from './ledger-causes.js';

/** One movement of a level, as the causes need it. */
export interface LedgerEntry {
  readonly id: string;
  readonly state: string;
  readonly delta: number;
  readonly quantityAfter: number;
  readonly causeKind: string;
  readonly causeRef: string | null;
  readonly occurredAt: string;
}

export interface CauseSettings {
  readonly countedAt: Date;
  readonly lookbackDays: number;
  /** Thresholds of the silent-seller rule; see `silentSellerExpectation`. */
  readonly minSales?: number;
  readonly minSilentDays?: number;
  readonly minExpectedUnits?: number;
}

const DAY_MS = 86_400_000;

/**
 * Likely causes of a variance, from a level's movements in the lookback window before the
 * count. A fast seller that stops selling is the classic ghost: the system shows units that
 * no one can find, so no one sells them (see `silentSellerExpectation` for the threshold).
 */
export function detectLikelyCauses(
  history: readonly LedgerEntry[],
  settings: CauseSettings,
): LikelyCause[] {
  const causes: LikelyCause[] = [];

  const belowZero = history.filter((e) => e.state === 'available' && e.quantityAfter < 0);
  if (belowZero.length > 0) {
    const lowestAvailable = belowZero.reduce((low, e) => Math.min(low, e.quantityAfter), 0);
    causes.push({ kind: 'sold_below_zero', times: belowZero.length, lowestAvailable });
  }

  const silence = silentSeller(history, settings);
  if (silence) causes.push(silence);

  const unexplained = history.filter(
    (e) => e.state === 'on_hand' && isUnexplained(e.causeKind, e.causeRef),
  );
  if (unexplained.length > 0) {
    const netUnits = unexplained.reduce((sum, e) => sum + e.delta, 0);
    causes.push({ kind: 'unexplained_adjustments', movements: unexplained.length, netUnits });
  }

  const shortPicks = distinctEvents(history, SHORT_PICK_CAUSES);
  if (shortPicks > 0) causes.push({ kind: 'short_picks', events: shortPicks });
  const cancelled = distinctEvents(history, PICKUP_CANCELLED_CAUSES);
  if (cancelled > 0) causes.push({ kind: 'pickups_cancelled_for_inventory', events: cancelled });

  return causes;
}

function silentSeller(
  history: readonly LedgerEntry[],
  settings: CauseSettings,
): LikelyCause | null {
  const sales = history.filter(
    (e) => e.state === 'on_hand' && e.delta < 0 && SALE_CAUSES.has(e.causeKind),
  );
  if (sales.length === 0) return null;

  const countedMs = settings.countedAt.getTime();
  const windowStart = countedMs - settings.lookbackDays * DAY_MS;
  // Days before the books began are not days without sales.
  const firstRead = history.find((e) => e.causeKind === 'first_read');
  const activeStart = Math.max(
    windowStart,
    firstRead ? Date.parse(firstRead.occurredAt) : windowStart,
  );
  const lastSale = sales.reduce((last, e) => Math.max(last, Date.parse(e.occurredAt)), 0);

  const activeDays = (lastSale - activeStart) / DAY_MS;
  const daysWithoutSale = (countedMs - lastSale) / DAY_MS;
  const units = sales.reduce((sum, e) => sum - e.delta, 0);
  const silence = silentSellerExpectation(
    { units, events: sales.length },
    activeDays,
    daysWithoutSale,
    settings,
  );
  if (!silence) return null;
  const { velocityPerDay, expectedUnits } = silence;

  return {
    kind: 'no_sale_for_days',
    velocityPerDay: round(velocityPerDay, 2),
    daysWithoutSale: round(daysWithoutSale, 1),
    expectedUnits: round(expectedUnits, 1),
  };
}

function distinctEvents(history: readonly LedgerEntry[], kinds: ReadonlySet<string>): number {
  const events = new Set(
    history.filter((e) => kinds.has(e.causeKind)).map((e) => e.causeRef ?? e.id),
  );
  return events.size;
}

function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}
