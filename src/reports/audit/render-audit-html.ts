import type { AuditReport, DriftSummary, WorstItem } from './audit-report.js';
import { describeCause } from './describe-cause.js';
import { escapeHtml as e } from './escape-html.js';
import { formatCents, formatPercent, formatSigned, formatUnits } from './format-audit-values.js';
import { svgBarChart } from './svg-bar-chart.js';

const BLUE = '#2e6da4';
const GREEN = '#3c8d5a';
const GREY = '#8a8f98';

/** The audit for people: one self-contained HTML page, charts drawn as inline SVG. */
export function renderAuditHtml(report: AuditReport): string {
  const over = report.stores.filter((s) => s.overThreshold);
  const window = `${report.window.from ?? 'the first count'} to ${report.window.to ?? 'now'}`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Inventory integrity audit</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Inventory integrity audit</h1>
<p class="meta">Generated ${e(report.generatedAt)} · counts from ${e(window)} · threshold ${report.thresholdPercent}% · each count compared with the books as of its own instant</p>
${tiles(report.chain, over.length, report.stores.length)}
${notes(report)}
<section class="charts">
${svgBarChart({
  title: 'Drift % per store',
  series: [{ name: 'drift', colour: BLUE }],
  rows: report.stores.map((s) => ({
    label: s.name,
    values: [s.driftPercent],
    alert: s.overThreshold,
  })),
  format: (v) => `${v.toFixed(2)}%`,
  threshold: { value: report.thresholdPercent, label: `${report.thresholdPercent}%` },
})}
${svgBarChart({
  title: 'Ghost and found units at cost per store',
  series: [
    { name: 'ghost units (at cost)', colour: GREY },
    { name: 'found units (at cost)', colour: GREEN },
  ],
  rows: report.stores.map((s) => ({
    label: s.name,
    values: [s.ghostValue.costCents / 100, s.foundValue.costCents / 100],
  })),
  format: (v) => formatCents(v * 100),
})}
${svgBarChart({
  title: 'Drift % per category',
  series: [{ name: 'drift', colour: BLUE }],
  rows: report.categories.map((c) => ({
    label: c.category || '(no category)',
    values: [c.driftPercent],
  })),
  format: (v) => `${v.toFixed(2)}%`,
})}
</section>
<h2>Stores</h2>
${summaryTable(
  'Store',
  report.stores.map((s) => ({ label: s.name, flagged: s.overThreshold, summary: s })),
)}
<h2>Categories</h2>
${summaryTable(
  'Category',
  report.categories.map((c) => ({
    label: c.category || '(no category)',
    flagged: false,
    summary: c,
  })),
)}
<h2>Worst items</h2>
${worstTable(report.worstItems)}
</body>
</html>
`;
}

function tiles(chain: DriftSummary, over: number, stores: number): string {
  const tile = (label: string, value: string, sub = '') =>
    `<div class="tile"><div class="label">${e(label)}</div><div class="value">${e(value)}</div><div class="sub">${e(sub)}</div></div>`;
  return `<section class="tiles">
${tile('Chain drift', formatPercent(chain.driftPercent), `${formatUnits(chain.absoluteVarianceUnits)} of ${formatUnits(chain.systemUnits)} units`)}
${tile('Ghost units', formatUnits(chain.ghostUnits), `${formatCents(chain.ghostValue.costCents)} at cost · ${formatCents(chain.ghostValue.retailCents)} at retail`)}
${tile('Found units', formatUnits(chain.foundUnits), `${formatCents(chain.foundValue.costCents)} at cost · ${formatCents(chain.foundValue.retailCents)} at retail`)}
${tile('Stores over threshold', `${over} of ${stores}`)}
${tile('Items counted', formatUnits(chain.counts))}
</section>`;
}

function notes(report: AuditReport): string {
  const lines: string[] = [];
  if (report.unreconciledCounts > 0) {
    lines.push(
      `${formatUnits(report.unreconciledCounts)} counts predate the books of their level (trueshelf was not watching yet) and are left out.`,
    );
  }
  if (report.chain.reopenedCounts > 0) {
    lines.push(
      `${formatUnits(report.chain.reopenedCounts)} counts were reopened: events dated before them arrived after the upload, and their variance was recomputed.`,
    );
  }
  if (report.chain.missingCost > 0)
    lines.push(
      `${formatUnits(report.chain.missingCost)} variances are on items without a cost and are not valued at cost.`,
    );
  return lines.length === 0
    ? ''
    : `<ul class="notes">${lines.map((l) => `<li>${e(l)}</li>`).join('')}</ul>`;
}

function summaryTable(
  first: string,
  rows: { label: string; flagged: boolean; summary: DriftSummary }[],
): string {
  const body = rows
    .map(
      ({ label, flagged, summary: s }) => `<tr${flagged ? ' class="over"' : ''}>
<td>${e(label)}${flagged ? ' <span class="flag">over threshold</span>' : ''}</td><td>${formatPercent(s.driftPercent)}</td>
<td>${formatUnits(s.counts)}</td><td>${formatUnits(s.systemUnits)}</td><td>${formatUnits(s.countedUnits)}</td>
<td>${formatUnits(s.ghostUnits)}</td><td>${formatUnits(s.foundUnits)}</td>
<td>${formatCents(s.ghostValue.costCents)}</td><td>${formatCents(s.ghostValue.retailCents)}</td>
<td>${formatCents(s.foundValue.costCents)}</td><td>${formatCents(s.foundValue.retailCents)}</td></tr>`,
    )
    .join('\n');
  return `<table><thead><tr><th>${e(first)}</th><th>Drift</th><th>Counts</th><th>System</th><th>Counted</th><th>Ghost units</th><th>Found units</th><th>Ghost at cost</th><th>Ghost at retail</th><th>Found at cost</th><th>Found at retail</th></tr></thead>
<tbody>${body}</tbody></table>`;
}

function worstTable(items: readonly WorstItem[]): string {
  if (items.length === 0) return '<p>No variances.</p>';
  const body = items
    .map(
      (
        w,
      ) => `<tr><td>${e(w.sku ?? w.itemId)}</td><td>${e(w.title ?? '')}</td><td>${e(w.locationHandle)}</td><td>${e(w.countedAt)}${w.reopened ? ' <span class="flag">reopened</span>' : ''}</td>
<td>${formatUnits(w.systemOnHand)}</td><td>${formatUnits(w.countedQuantity)}</td><td>${formatSigned(w.variance)}</td>
<td>${w.varianceCostCents === null ? 'n/a' : formatCents(w.varianceCostCents)}</td>
<td>${w.likelyCauses.length === 0 ? '<span class="quiet">none in the ledger</span>' : w.likelyCauses.map((c) => e(describeCause(c))).join('<br>')}</td></tr>`,
    )
    .join('\n');
  return `<table class="items"><thead><tr><th>SKU</th><th>Item</th><th>Location</th><th>Counted at</th><th>System</th><th>Counted</th><th>Variance</th><th>At cost</th><th>Likely causes</th></tr></thead>
<tbody>${body}</tbody></table>`;
}

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 24px; color: #222; max-width: 1200px; }
h1 { margin-bottom: 4px; }
.meta { color: #666; margin-top: 0; }
.tiles { display: flex; gap: 12px; flex-wrap: wrap; margin: 16px 0; }
.tile { border: 1px solid #ddd; border-radius: 6px; padding: 10px 14px; min-width: 170px; }
.tile .label { font-size: 12px; color: #666; }
.tile .value { font-size: 24px; font-weight: bold; }
.tile .sub { font-size: 11px; color: #666; }
.charts svg { display: block; margin: 12px 0 20px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin-bottom: 24px; }
th, td { border-bottom: 1px solid #eee; padding: 4px 6px; text-align: right; }
th:first-child, td:first-child, td:nth-child(2), td:nth-child(3) { text-align: left; }
table.items th:last-child, table.items td:last-child { text-align: left; }
tr.over td { background: #fdf0ef; }
.flag { color: #c0392b; font-size: 11px; font-weight: bold; }
.quiet { color: #999; }
.notes { color: #555; }
`;
