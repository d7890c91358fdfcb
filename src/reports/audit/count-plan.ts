/** Why an item looks like it may hold ghost units, as counted in the lookback window. */
export type GhostSignal =
  'sold_below_zero' | 'unexplained_adjustments' | 'no_sale_for_days' | 'ghost_units_at_last_count';

/** The factors of a count candidate's score: score = velocity × value × days × likelihood. */
export interface CountFactors {
  /** Units sold per day over the lookback (a floor stands in for items that did not sell). */
  readonly velocityPerDay: number;
  /** Cost, else retail price, in cents; a stand-in when the item has neither. */
  readonly unitValueCents: number;
  readonly valueKnown: boolean;
  /** Since the level's last accepted count; null when never counted. */
  readonly daysSinceLastCount: number | null;
  /** The days that enter the score (never counted: the stand-in). */
  readonly daysFactor: number;
  /** 0.1 (no sign) to 1. */
  readonly ghostLikelihood: number;
  readonly signals: readonly GhostSignal[];
}

export interface CountCandidate {
  readonly rank: number;
  readonly itemId: string;
  readonly sku: string | null;
  readonly title: string | null;
  readonly onHand: number;
  readonly score: number;
  readonly factors: CountFactors;
}

export interface StoreCountPlan {
  readonly locationHandle: string;
  readonly name: string;
  readonly candidates: readonly CountCandidate[];
}

export interface CountPlan {
  readonly generatedAt: string;
  readonly lookbackDays: number;
  readonly stores: readonly StoreCountPlan[];
}
