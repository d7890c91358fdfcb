import type { DifferenceClass } from './reconciliation-report.js';

/** Units explained by documents, signed as their share of Shopify − NetSuite. */
export interface Explanation {
  readonly units: number;
  readonly refs: readonly string[];
}

export interface LevelFigures {
  readonly mirrorOnHand: number;
  /** Undefined when Shopify was not read afresh: the mirror stands in for it. */
  readonly freshOnHand: number | undefined;
  readonly netsuiteOnHand: number;
  readonly inFlight: Explanation;
  readonly notYetImported: Explanation;
  readonly unpostedCorrections: Explanation;
}

export interface ClassifiedDifference {
  readonly class: DifferenceClass;
  readonly units: number;
  readonly refs: readonly string[];
}

export const noExplanation: Explanation = { units: 0, refs: [] };

/**
 * Splits one level's differences into classes. Two comparisons: the mirror against a fresh
 * Shopify read (a missed signal), and Shopify against NetSuite, whose gap the documents the
 * connector has not booked and the corrections not posted explain in part; the rest is
 * unexplained. Both are on hand, an absolute figure on each side, so nothing is subtracted
 * twice: NetSuite's committed is never used.
 */
export function classifyLevel(figures: LevelFigures): ClassifiedDifference[] {
  const shopify = figures.freshOnHand ?? figures.mirrorOnHand;
  const missed = figures.freshOnHand === undefined ? 0 : figures.freshOnHand - figures.mirrorOnHand;
  const gap = shopify - figures.netsuiteOnHand;
  const explained =
    figures.inFlight.units + figures.notYetImported.units + figures.unpostedCorrections.units;

  const differences: ClassifiedDifference[] = [
    { class: 'in_flight', ...figures.inFlight },
    { class: 'missed_signal', units: missed, refs: [] },
    { class: 'not_yet_imported', ...figures.notYetImported },
    { class: 'count_correction_not_posted', ...figures.unpostedCorrections },
    { class: 'unexplained', units: gap - explained, refs: [] },
  ];
  return differences
    .map((difference) => ({ ...difference, units: roundUnits(difference.units) }))
    .filter((difference) => difference.units !== 0);
}

/** NetSuite's fractional units would leave 1e-15 residues; six places is past any unit. */
function roundUnits(units: number): number {
  const rounded = Math.round(units * 1e6) / 1e6;
  return Object.is(rounded, -0) ? 0 : rounded;
}
