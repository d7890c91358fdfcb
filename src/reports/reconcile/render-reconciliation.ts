import { differenceClasses } from './reconciliation-report.js';
import type { NetSuiteReconciliation } from './reconciliation-report.js';

/** The report for machines: the whole structure, stable key order. */
export function renderReconciliationJson(report: NetSuiteReconciliation): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const LINE_COLUMNS = [
  'location',
  'netsuite_location_id',
  'item_id',
  'sku',
  'netsuite_item_id',
  'class',
  'units',
  'value_cents',
  'shopify_on_hand',
  'mirror_on_hand',
  'netsuite_on_hand',
  'refs',
] as const;

/** One row per difference: a level with two classes of difference gives two rows. */
export function renderReconciliationCsv(report: NetSuiteReconciliation): string {
  const rows = report.lines.flatMap((line) =>
    line.differences.map((difference) => [
      line.locationHandle,
      line.netsuiteLocationId,
      line.itemId,
      line.sku,
      line.netsuiteItemId,
      difference.class,
      difference.units,
      difference.valueCents,
      line.shopifyOnHand,
      line.mirrorOnHand,
      line.netsuiteOnHand,
      difference.refs.join(' '),
    ]),
  );
  return csv([[...LINE_COLUMNS], ...rows]);
}

const TOTAL_COLUMNS = [
  'location',
  'netsuite_location_id',
  'class',
  'units',
  'absolute_units',
  'value_cents',
  'absolute_value_cents',
  'unvalued_units',
  'levels_compared',
  'levels_differing',
] as const;

/** One row per location and class, every class listed so a zero reads as checked. */
export function renderReconciliationTotalsCsv(report: NetSuiteReconciliation): string {
  const rows = report.totals.flatMap((totals) =>
    differenceClasses.map((name) => {
      const total = totals.byClass[name];
      return [
        totals.locationHandle,
        totals.netsuiteLocationId,
        name,
        total.units,
        total.absoluteUnits,
        total.valueCents,
        total.absoluteValueCents,
        total.unvaluedUnits,
        totals.levelsCompared,
        totals.levelsDiffering,
      ];
    }),
  );
  return csv([[...TOTAL_COLUMNS], ...rows]);
}

type Cell = string | number | null;

/** RFC 4180: CRLF rows; a cell with a comma, quote or line break is quoted, quotes doubled. */
function csv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  // A leading = + - @ would run as a formula in a spreadsheet; a quote mark disarms it.
  const safe =
    /^[=+@]/.test(text) || (/^-/.test(text) && typeof value === 'string') ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
