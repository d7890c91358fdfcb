import { describe, expect, it } from 'vitest';
import type { AuditReport, DriftSummary } from '../../../src/reports/audit/audit-report.js';
import { renderAuditCsv } from '../../../src/reports/audit/render-audit-csv.js';
import { renderAuditHtml } from '../../../src/reports/audit/render-audit-html.js';
import { renderAuditJson } from '../../../src/reports/audit/render-audit-json.js';

function summary(over: Partial<DriftSummary>): DriftSummary {
  return {
    counts: 2,
    systemUnits: 40,
    countedUnits: 37,
    absoluteVarianceUnits: 3,
    driftPercent: 7.5,
    ghostUnits: 3,
    foundUnits: 0,
    ghostValue: { costCents: 6000, retailCents: 15000 },
    foundValue: { costCents: 0, retailCents: 0 },
    missingCost: 0,
    missingPrice: 0,
    reopenedCounts: 0,
    ...over,
  };
}

const report: AuditReport = {
  generatedAt: '2026-03-11T00:00:00.000Z',
  window: { from: null, to: null },
  thresholdPercent: 3,
  lookbackDays: 28,
  chain: summary({}),
  stores: [
    {
      locationHandle: 'north',
      name: 'North <Mall>',
      kind: 'store',
      overThreshold: true,
      ...summary({}),
    },
    {
      locationHandle: 'south',
      name: 'South',
      kind: 'store',
      overThreshold: false,
      ...summary({ driftPercent: 1, absoluteVarianceUnits: 1 }),
    },
  ],
  categories: [{ category: '=cmd|x', ...summary({}) }],
  worstItems: [
    {
      importId: 'i1',
      itemId: 'kettle',
      sku: 'KET,1',
      title: 'Kettle "steel"',
      category: 'kitchen',
      locationHandle: 'north',
      countedAt: '2026-03-10T00:00:00.000Z',
      systemOnHand: 4,
      countedQuantity: 1,
      variance: -3,
      varianceCostCents: -6000,
      varianceRetailCents: -15000,
      reopened: false,
      likelyCauses: [
        { kind: 'no_sale_for_days', velocityPerDay: 2, daysWithoutSale: 10, expectedUnits: 20 },
      ],
    },
  ],
  unreconciledCounts: 0,
  reopenedNow: 0,
};

describe('the audit renderers', () => {
  it('draws a self-contained page: inline SVG charts, nothing fetched, text escaped', () => {
    const html = renderAuditHtml(report);

    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    // The only URL is the SVG namespace, which is a name, not a fetch.
    expect(html.match(/https?:\/\/[^"]+/g)).toEqual([
      'http://www.w3.org/2000/svg',
      'http://www.w3.org/2000/svg',
      'http://www.w3.org/2000/svg',
    ]);
    expect(html).toContain('North &lt;Mall&gt; <span class="flag">over threshold</span>');
    expect(html).toContain('no sale for 10 days at 2/day (about 20 units expected)');
    expect(html).toContain('60.00');
  });

  it('writes the drift table as CSV with one row per scope', () => {
    const lines = renderAuditCsv(report).split('\r\n');

    expect(lines[0]).toBe(
      'scope,name,drift_percent,over_threshold,counts,system_units,counted_units,absolute_variance_units,ghost_units,found_units,ghost_cost_cents,ghost_retail_cents,found_cost_cents,found_retail_cents,missing_cost,reopened_counts',
    );
    expect(lines[1]).toBe('chain,chain,7.5,,2,40,37,3,3,0,6000,15000,0,0,0,0');
    expect(lines[2]).toBe('store,north,7.5,true,2,40,37,3,3,0,6000,15000,0,0,0,0');
    expect(lines[3]).toBe('store,south,1,false,2,40,37,1,3,0,6000,15000,0,0,0,0');
    // A category that looks like a formula is defused for spreadsheets.
    expect(lines[4]).toBe("category,'=cmd|x,7.5,,2,40,37,3,3,0,6000,15000,0,0,0,0");
    expect(lines[5]).toBe('');
  });

  it('writes the worst items as CSV, quoting what needs it', () => {
    const lines = renderAuditCsv(report, 'items').split('\r\n');

    expect(lines[1]).toBe(
      'north,"KET,1",kettle,"Kettle ""steel""",kitchen,2026-03-10T00:00:00.000Z,4,1,-3,-6000,-15000,false,no sale for 10 days at 2/day (about 20 units expected)',
    );
  });

  it('writes JSON that reads back as the report', () => {
    expect(JSON.parse(renderAuditJson(report))).toEqual(report);
  });
});
