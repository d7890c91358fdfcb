import type { BufferRulesFile } from '../domain/buffers/index.js';
import type { DailySales } from '../demo/read-sales-file.js';

/** The policies, from batch sync to everything trueshelf offers. */
export const POLICY_NAMES = [
  'erp_30min',
  'webhooks',
  'webhooks_buffers',
  'webhooks_buffers_holds',
  'webhooks_buffers_holds_counts',
] as const;

export type PolicyName = (typeof POLICY_NAMES)[number];

export interface OpeningHours {
  opensAtHour: number;
  closesAtHour: number;
}

/**
 * Order-up-to S every review period. S is days of cover of the planner's forecast: the level's
 * mean daily units in the file over the `forecastDays` before the review (over the first
 * `forecastDays` while the run is younger than that).
 */
export interface ReplenishmentSettings {
  reviewPeriodDays: number;
  leadTimeDays: number;
  orderUpToDaysOfCover: number;
  minOrderUpToUnits: number;
  forecastDays: number;
}

/** How the product's velocity code is asked, and how often buffers are recomputed. */
export interface VelocitySettings {
  windowDays: number;
  minCountedDays: number;
  floorUnitsPerDay: number;
  refreshEveryDays: number;
}

/**
 * Which buffer rules the buffer policies use: the product's risk mode (figures taken from the
 * simulation's own delays and loss rates), a tiered preset, or a rules file's content.
 */
export type BufferSetting =
  | { kind: 'risk'; targetShortfallProbability: number }
  | { kind: 'tiered' }
  | { kind: 'rules'; rules: BufferRulesFile };

export interface SimulationProgress {
  policy: PolicyName;
  policyIndex: number;
  policyCount: number;
  /** Days done for this policy, 1-based. */
  day: number;
  dayCount: number;
  eventsSimulated: number;
}

export type SalesInput = string | Iterable<DailySales> | AsyncIterable<DailySales>;

export interface SimulationOptions {
  /** A sales file for `readSalesFile` (M5 wide or generic long), or rows already read. */
  sales: SalesInput;
  stores?: string[];
  /** Keep the first N items of each store, in file order. */
  items?: number;
  /** Keep the first N days. */
  days?: number;
  policies?: PolicyName[];
  seed?: number;
  /** Share of each day's units that become online pickup orders instead of walk-ins. */
  onlineShare?: number;
  pickupDelayHours?: number;
  /** Without a hold, the store picks an order this long after it was placed. */
  pickAfterHours?: number;
  /** Units stolen or lost per unit sold; NRF's 1.6 % of sales by default. */
  shrinkRate?: number;
  /** Units moved off the shelf to where no shopper or count finds them, per unit sold. */
  misplacementRate?: number;
  /** Share of till sales rung up as a sibling item of the same category. */
  scanErrorRate?: number;
  /** Share of delivered lines whose physical count is one unit off the paperwork. */
  receivingErrorRate?: number;
  openingHours?: Partial<OpeningHours>;
  replenishment?: Partial<ReplenishmentSettings>;
  /** Each level is counted once every N days (staggered) in the counts policy. */
  cycleCountEveryDays?: number;
  /** Every policy: a wall-to-wall count of every level every N days (0: never). */
  fullCountEveryDays?: number;
  erpPushEveryMinutes?: number;
  webhookDelaySeconds?: number;
  velocity?: Partial<VelocitySettings>;
  buffer?: BufferSetting;
  /** 'even' spaces each level-day's units evenly and picks channels and losses by rate, for
   * checks worked by hand; 'random' (the default) draws them. */
  arrivals?: 'random' | 'even';
  /** 'rules' (the default) runs the product's hold rules on typed arrays; 'product' drives the
   * product's own HoldService on a throwaway SQLite database (milliseconds a call: small runs). */
  holds?: HoldBookKind;
  onProgress?: (progress: SimulationProgress) => void;
}

/** Every setting resolved, as echoed in the result. */
export interface SimulationSettings {
  salesSource: string;
  stores: string[] | null;
  items: number | null;
  days: number | null;
  policies: PolicyName[];
  seed: number;
  onlineShare: number;
  pickupDelayHours: number;
  pickAfterHours: number;
  shrinkRate: number;
  misplacementRate: number;
  scanErrorRate: number;
  receivingErrorRate: number;
  openingHours: OpeningHours;
  replenishment: ReplenishmentSettings;
  cycleCountEveryDays: number;
  fullCountEveryDays: number;
  erpPushEveryMinutes: number;
  webhookDelaySeconds: number;
  holdTtlSeconds: number;
  velocity: VelocitySettings;
  buffer: BufferSetting;
  arrivals: 'random' | 'even';
  holds: HoldBookKind;
}

export type HoldBookKind = 'rules' | 'product';

/** Defaults and why; the README's simulator section repeats these reasons. */
export const DEFAULT_SETTINGS = {
  policies: [...POLICY_NAMES],
  seed: 1,
  onlineShare: 0.15,
  pickupDelayHours: 4,
  pickAfterHours: 1,
  // NRF National Retail Security Survey 2023: shrink 1.6 % of sales (FY2022); the unit share is
  // taken to equal the value share, as the risk buffer's note assumes.
  shrinkRate: 0.016,
  // No published per-unit figures were found for these three; each is an assumption set below
  // shrink, stated in the report, and meant to be swept.
  misplacementRate: 0.005,
  scanErrorRate: 0.005,
  receivingErrorRate: 0.01,
  openingHours: { opensAtHour: 8, closesAtHour: 22 },
  replenishment: {
    reviewPeriodDays: 7,
    leadTimeDays: 2,
    // Ten days of cover for a nine-day exposure (weekly review, two days' lead) leaves walk-ins
    // an empty shelf about 7 % of the time with the other defaults, near the published 8.3 %
    // world average out-of-stock rate (GMA/FMI/CIES 2002).
    orderUpToDaysOfCover: 10,
    minOrderUpToUnits: 2,
    forecastDays: 28,
  },
  cycleCountEveryDays: 7,
  // The yearly wall-to-wall physical inventory most retailers take for their books.
  fullCountEveryDays: 365,
  erpPushEveryMinutes: 30,
  webhookDelaySeconds: 5,
  velocity: { windowDays: 28, minCountedDays: 3, floorUnitsPerDay: 0.1, refreshEveryDays: 7 },
  buffer: { kind: 'risk', targetShortfallProbability: 0.05 },
  arrivals: 'random',
  holds: 'rules',
} as const satisfies Omit<
  SimulationSettings,
  'salesSource' | 'stores' | 'items' | 'days' | 'holdTtlSeconds' | 'policies'
> & { policies: readonly PolicyName[] };
