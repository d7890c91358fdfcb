import type { AuditReport, DriftSummary } from './audit-report.js';
import { describeCause } from './describe-cause.js';

export type AuditCsvTable = 'drift' | 'items';

/**
 * The audit for machines, as CSV (RFC 4180, CRLF). `drift`: one row for the chain, then each
 * store, then each category, told apart by `scope`. `items`: the worst items with their
 * likely causes. Values are raw (cents, units, percent to 0.01) so a spreadsheet can sum them.
 */
export function renderAuditCsv(report: AuditReport, table: AuditCsvTable = 'drift'): string {
  const rows = table === 'drift' ? driftRows(report) : itemRows(report);
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

type Cell = string | number | boolean | null;

function driftRows(report: AuditReport): Cell[][] {
  const header = [
    'scope',
    'name',
    'drift_percent',
    'over_threshold',
    'counts',
    'system_units',
    'counted_units',
    'absolute_variance_units',
    'ghost_units',
    'found_units',
    'ghost_cost_cents',
    'ghost_retail_cents',
    'found_cost_cents',
    'found_retail_cents',
    'missing_cost',
    'reopened_counts',
  ];
  const summary = (s: DriftSummary): Cell[] => [
    s.driftPercent,
    null,
    s.counts,
    s.systemUnits,
    s.countedUnits,
    s.absoluteVarianceUnits,
    s.ghostUnits,
    s.foundUnits,
    s.ghostValue.costCents,
    s.ghostValue.retailCents,
    s.foundValue.costCents,
    s.foundValue.retailCents,
    s.missingCost,
    s.reopenedCounts,
  ];
  const withFlag = (cells: Cell[], flag: boolean | null): Cell[] => [
    cells[0]!,
    flag,
    ...cells.slice(2),
  ];

  return [
    header,
    ['chain', 'chain', ...summary(report.chain)],
    ...report.stores.map((s) => [
      'store',
      s.locationHandle,
      ...withFlag(summary(s), s.overThreshold),
    ]),
    ...report.categories.map((c) => ['category', c.category, ...summary(c)]),
  ];
}

function itemRows(report: AuditReport): Cell[][] {
  return [
    [
      'location',
      'sku',
      'item_id',
      'title',
      'category',
      'counted_at',
      'system_on_hand',
      'counted',
      'variance',
      'variance_cost_cents',
      'variance_retail_cents',
      'reopened',
      'likely_causes',
    ],
    ...report.worstItems.map((w) => [
      w.locationHandle,
      w.sku,
      w.itemId,
      w.title,
      w.category,
      w.countedAt,
      w.systemOnHand,
      w.countedQuantity,
      w.variance,
      w.varianceCostCents,
      w.varianceRetailCents,
      w.reopened,
      w.likelyCauses.map(describeCause).join('; '),
    ]),
  ];
}

function cell(value: Cell): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  // A text cell that starts like a formula is run by spreadsheets; a quote mark defuses it.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
