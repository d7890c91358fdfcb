/**
 * What can stand between Shopify's on hand and NetSuite's, in the order a person would rule
 * them out:
 * - `in_flight`: a Shopify sale or fulfilment the connector has not booked yet, within its
 *   import delay: it will close by itself;
 * - `missed_signal`: the mirror disagrees with a fresh Shopify read (a webhook never came);
 * - `not_yet_imported`: a Shopify sale older than the connector's delay still absent from
 *   NetSuite: the connector failed or skipped it (a SKU mismatch, most often);
 * - `count_correction_not_posted`: a count correction booked in Shopify but not yet posted to
 *   NetSuite;
 * - `unexplained`: what is left.
 */
export const differenceClasses = [
  'in_flight',
  'missed_signal',
  'not_yet_imported',
  'count_correction_not_posted',
  'unexplained',
] as const;

export type DifferenceClass = (typeof differenceClasses)[number];

export interface Difference {
  readonly class: DifferenceClass;
  /**
   * Signed units. For `missed_signal`: fresh Shopify − mirror. For the others: their share
   * of Shopify − NetSuite (a sale NetSuite has not booked is negative: Shopify is lower).
   */
  readonly units: number;
  /** units × the item's cost, in cents; null when the item has no cost. */
  readonly valueCents: number | null;
  /** The documents behind it: `order:<id>`, `fulfillment:<id>`, `count:<id>`. */
  readonly refs: readonly string[];
}

export interface ReconciliationLine {
  readonly locationHandle: string;
  readonly netsuiteLocationId: string;
  readonly itemId: string;
  readonly sku: string | null;
  readonly netsuiteItemId: string;
  /** Shopify's on hand as the mirror last read it (0 when the mirror has no level). */
  readonly mirrorOnHand: number;
  /** From a fresh read; null when no reader was given or the level has no Shopify ids. */
  readonly shopifyOnHand: number | null;
  readonly netsuiteOnHand: number;
  readonly netsuiteReadAt: string | null;
  readonly costCents: number | null;
  readonly differences: readonly Difference[];
}

export interface ClassTotal {
  /** Net signed units: differences of opposite sign cancel here ... */
  readonly units: number;
  /** ... and add up here. */
  readonly absoluteUnits: number;
  readonly valueCents: number;
  readonly absoluteValueCents: number;
  /** Units of items without a cost, left out of the values. */
  readonly unvaluedUnits: number;
}

export interface LocationTotals {
  readonly locationHandle: string;
  readonly netsuiteLocationId: string;
  readonly levelsCompared: number;
  readonly levelsDiffering: number;
  readonly byClass: Readonly<Record<DifferenceClass, ClassTotal>>;
}

export interface UnmatchedNetSuiteItem {
  readonly netsuiteItemId: string;
  readonly itemid: string | null;
  readonly reason: string;
}

export interface NetSuiteReconciliation {
  readonly generatedAt: string;
  /** Where the Shopify figure came from: a fresh read, or the mirror standing in for it. */
  readonly shopifySource: 'fresh_read' | 'mirror';
  readonly netsuiteMeaning: 'absolute_on_hand';
  /** Only levels with at least one difference. */
  readonly lines: readonly ReconciliationLine[];
  /** One per location with a NetSuite id, stores and warehouses alike. */
  readonly totals: readonly LocationTotals[];
  /** NetSuite items with stock at our locations that match no item of ours. */
  readonly unmatchedNetSuiteItems: readonly UnmatchedNetSuiteItem[];
}
