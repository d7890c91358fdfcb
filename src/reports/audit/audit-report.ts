import type { LikelyCause } from './likely-cause.js';

/** Money in cents, at cost and at retail; null parts are items with no cost or price. */
export interface UnitValue {
  readonly costCents: number;
  readonly retailCents: number;
}

/**
 * Drift of a set of counts (a store, a category, the chain), each count compared with the
 * system's on hand as of its own instant.
 */
export interface DriftSummary {
  readonly counts: number;
  /** Σ max(system, 0): a negative on hand is no units on a shelf. */
  readonly systemUnits: number;
  readonly countedUnits: number;
  /** Σ |counted − system|. */
  readonly absoluteVarianceUnits: number;
  /** Σ |system − counted| / Σ system × 100, rounded to 0.01; null when Σ system is 0. */
  readonly driftPercent: number | null;
  readonly ghostUnits: number;
  readonly foundUnits: number;
  readonly ghostValue: UnitValue;
  readonly foundValue: UnitValue;
  /** Counts with a variance whose item has no cost (or no price): left out of the values. */
  readonly missingCost: number;
  readonly missingPrice: number;
  readonly reopenedCounts: number;
}

export interface StoreDrift extends DriftSummary {
  readonly locationHandle: string;
  readonly name: string;
  readonly kind: string;
  readonly overThreshold: boolean;
}

export interface CategoryDrift extends DriftSummary {
  /** The item's category; '' for items without one. */
  readonly category: string;
}

/** One of the largest variances, with what the ledger suggests about it. */
export interface WorstItem {
  readonly importId: string;
  readonly itemId: string;
  readonly sku: string | null;
  readonly title: string | null;
  readonly category: string | null;
  readonly locationHandle: string;
  readonly countedAt: string;
  readonly systemOnHand: number;
  readonly countedQuantity: number;
  readonly variance: number;
  /** Signed: counted − system, times the unit's cost or price; null when not known. */
  readonly varianceCostCents: number | null;
  readonly varianceRetailCents: number | null;
  readonly reopened: boolean;
  readonly likelyCauses: readonly LikelyCause[];
}

export interface AuditReport {
  readonly generatedAt: string;
  /** Counts whose instant lies in [from, to); null ends are open. */
  readonly window: { readonly from: string | null; readonly to: string | null };
  readonly thresholdPercent: number;
  readonly lookbackDays: number;
  readonly chain: DriftSummary;
  readonly stores: readonly StoreDrift[];
  readonly categories: readonly CategoryDrift[];
  readonly worstItems: readonly WorstItem[];
  /** Counts the books could not reach (the level's first movement is after the count). */
  readonly unreconciledCounts: number;
  /** Counts reopened by this run because late events changed their system figure. */
  readonly reopenedNow: number;
}
