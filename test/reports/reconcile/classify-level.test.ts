import { describe, expect, it } from 'vitest';
import { classifyLevel, noExplanation } from '../../../src/reports/reconcile/classify-level.js';
import { renderReconciliationCsv } from '../../../src/reports/reconcile/render-reconciliation.js';
import type { NetSuiteReconciliation } from '../../../src/reports/reconcile/reconciliation-report.js';

const agreeing = {
  mirrorOnHand: 5,
  freshOnHand: 5,
  netsuiteOnHand: 5,
  inFlight: noExplanation,
  notYetImported: noExplanation,
  unpostedCorrections: noExplanation,
};

describe('classifying one level', () => {
  it('finds nothing where all three agree', () => {
    expect(classifyLevel(agreeing)).toEqual([]);
  });

  it('an explanation the gap does not show leaves its opposite unexplained', () => {
    const differences = classifyLevel({ ...agreeing, inFlight: { units: -2, refs: ['order:1'] } });

    expect(differences).toEqual([
      { class: 'in_flight', units: -2, refs: ['order:1'] },
      { class: 'unexplained', units: 2, refs: [] },
    ]);
  });

  it('splits one gap between a missed signal, a sale in flight and the rest', () => {
    // Mirror 9, Shopify now 6 (missed −3); NetSuite 10: gap 6 − 10 = −4, of which −1 in flight.
    const differences = classifyLevel({
      ...agreeing,
      mirrorOnHand: 9,
      freshOnHand: 6,
      netsuiteOnHand: 10,
      inFlight: { units: -1, refs: ['order:7'] },
    });

    expect(differences).toEqual([
      { class: 'in_flight', units: -1, refs: ['order:7'] },
      { class: 'missed_signal', units: -3, refs: [] },
      { class: 'unexplained', units: -3, refs: [] },
    ]);
  });

  it('leaves no residue from fractional NetSuite units', () => {
    // 0.3 − 0.1 − 0.2 is 2.8e-17 in floating point.
    expect(
      classifyLevel({
        ...agreeing,
        freshOnHand: 0.3,
        mirrorOnHand: 0.3,
        netsuiteOnHand: 0.1,
        unpostedCorrections: { units: 0.2, refs: [] },
      }),
    ).toEqual([{ class: 'count_correction_not_posted', units: 0.2, refs: [] }]);
  });
});

describe('the reconciliation CSV', () => {
  it('quotes cells with commas or quotes and disarms spreadsheet formulas', () => {
    const report: NetSuiteReconciliation = {
      generatedAt: '2025-03-01T12:00:00.000Z',
      shopifySource: 'mirror',
      netsuiteMeaning: 'absolute_on_hand',
      totals: [],
      unmatchedNetSuiteItems: [],
      lines: [
        {
          locationHandle: 'downtown',
          netsuiteLocationId: '7',
          itemId: 'A',
          sku: '=HYPERLINK("x")',
          netsuiteItemId: '42',
          mirrorOnHand: 1,
          shopifyOnHand: null,
          netsuiteOnHand: 2,
          netsuiteReadAt: null,
          costCents: null,
          differences: [{ class: 'unexplained', units: -1, valueCents: null, refs: [] }],
        },
      ],
    };

    expect(renderReconciliationCsv(report).split('\r\n')[1]).toBe(
      `downtown,7,A,"'=HYPERLINK(""x"")",42,unexplained,-1,,,1,2,`,
    );
  });
});
