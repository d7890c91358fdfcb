/** Where a correction goes: Shopify for managed stores, the ERP for everything else. */
export type CorrectionTarget = 'shopify' | 'erp';

/** One change of a dry run: the count's variance, less what was corrected since, as a delta. */
export interface PlannedCorrection {
  readonly itemId: string;
  readonly sku: string | null;
  readonly countedAt: string;
  readonly systemAtCount: number;
  readonly counted: number;
  readonly variance: number;
  /** Deltas already applied for this level after the count (a reopened count's first fix). */
  readonly alreadyApplied: number;
  /** What will be applied: variance − alreadyApplied, on the level as it is read then. */
  readonly delta: number;
  /** The mirrored level now; the apply reads Shopify fresh and moves from that. */
  readonly availableNow: number | null;
  readonly onHandNow: number | null;
  readonly availableAfter: number | null;
  readonly onHandAfter: number | null;
  readonly shopifyInventoryItemId: string | null;
  readonly warnings: readonly ('available_goes_below_zero' | 'reopened')[];
}

export type GroupBlock =
  'location_in_shadow_mode' | 'not_linked_to_shopify' | 'correction_in_flight';

/** Every change of one import at one location: applied together or not at all. */
export interface CorrectionGroup {
  readonly importId: string;
  readonly locationHandle: string;
  readonly target: CorrectionTarget;
  readonly shopifyLocationId: string | null;
  readonly netsuiteLocationId: string | null;
  readonly timeZone: string | null;
  /** Why the group cannot be applied as it stands; null when it can. */
  readonly blocked: GroupBlock | null;
  readonly changes: readonly PlannedCorrection[];
  readonly netDelta: number;
}

/** A count line left out of the plan, and why. */
export interface SkippedCountLine {
  readonly importId: string;
  readonly locationHandle: string;
  readonly itemId: string;
  readonly reason: 'before_books' | 'superseded';
}

export interface CorrectionPlan {
  readonly generatedAt: string;
  readonly groups: readonly CorrectionGroup[];
  readonly skipped: readonly SkippedCountLine[];
  readonly reopenedNow: number;
}
