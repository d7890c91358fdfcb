import { escapeHtml as e } from '../audit/escape-html.js';
import { svgBarChart } from '../audit/svg-bar-chart.js';
import type { ScheduledSyncView } from './scheduled-sync-view.js';

const GREY = '#8a8f98';
const BLUE = '#2e6da4';
/** The chart shows the levels the schedule has most wrong; the table lists every one. */
const CHART_ROWS = 20;

export function renderScheduledSyncJson(view: ScheduledSyncView): string {
  return `${JSON.stringify(view, null, 2)}\n`;
}

const COLUMNS = [
  'location',
  'item_id',
  'sku',
  'scheduled_available',
  'live_gross',
  'live_sellable',
  'stale_units',
  'over_promised_units',
] as const;

export function renderScheduledSyncCsv(view: ScheduledSyncView): string {
  const rows = view.lines.map((line) => [
    line.locationHandle,
    line.itemId,
    line.sku,
    line.scheduledAvailable,
    line.liveGross,
    line.liveSellable,
    line.staleUnits,
    line.overPromisedUnits,
  ]);
  return [[...COLUMNS], ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** For people: one self-contained page, the chart as inline SVG. */
export function renderScheduledSyncHtml(
  view: ScheduledSyncView,
  options: { readonly note?: string } = {},
): string {
  const worst = [...view.lines]
    .sort(
      (a, b) =>
        Math.abs(b.staleUnits) - Math.abs(a.staleUnits) ||
        b.overPromisedUnits - a.overPromisedUnits,
    )
    .slice(0, CHART_ROWS);
  const age = formatAge(view.pushAgeSeconds);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Scheduled sync beside real time</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Scheduled sync beside real time</h1>
<p class="meta">Generated ${e(view.generatedAt)} · the connector last pushed NetSuite's available to Shopify at ${e(view.pushedAt)} (${e(age)} ago) · trueshelf's figures are live</p>
<p class="tiles"><span><b>${view.totals.levels}</b> levels</span><span><b>${view.totals.levelsStale}</b> stale since the push</span><span><b>${view.totals.staleUnits}</b> units stale</span><span><b>${view.totals.overPromisedUnits}</b> units promised beyond sellable</span></p>
${options.note === undefined ? '' : `<p class="meta">${e(options.note)}</p>\n`}<p>A scheduled connector sets Shopify's available to NetSuite's figure on each cycle and leaves it there until the next one, while sales it has not imported yet are still in NetSuite's count. trueshelf re-reads Shopify on every signal and promises gross − buffer − holds.</p>
${
  worst.length === 0
    ? '<p>No level is in both the connector push and trueshelf yet.</p>'
    : svgBarChart({
        title: `Scheduled figure vs trueshelf sellable (the ${worst.length} levels most out of date)`,
        series: [
          { name: 'scheduled push', colour: GREY },
          { name: 'trueshelf sellable now', colour: BLUE },
        ],
        rows: worst.map((line) => ({
          label: `${line.locationHandle} ${line.sku ?? line.itemId}`,
          values: [Math.max(0, line.scheduledAvailable), line.liveSellable],
          alert: line.overPromisedUnits > 0 && line.liveSellable === 0,
        })),
        format: (value) => String(value),
      })
}
<table>
<thead><tr><th>location</th><th>SKU</th><th>scheduled available</th><th>live gross</th><th>trueshelf sellable</th><th>stale units</th><th>over-promised</th></tr></thead>
<tbody>
${view.lines
  .map(
    (line) =>
      `<tr${line.staleUnits !== 0 ? ' class="stale"' : ''}><td>${e(line.locationHandle)}</td><td>${e(line.sku ?? line.itemId)}</td><td>${line.scheduledAvailable}</td><td>${line.liveGross}</td><td>${line.liveSellable}</td><td>${line.staleUnits}</td><td>${line.overPromisedUnits}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>
</body>
</html>
`;
}

function formatAge(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  // A leading = + - @ in a text cell would run as a formula in a spreadsheet.
  const safe = typeof value === 'string' && /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#1d2330}
h1{font-size:1.4rem}.meta{color:#5b6270}.tiles span{display:inline-block;margin-right:1.5rem}
table{border-collapse:collapse;width:100%;margin-top:1rem}th,td{padding:.25rem .5rem;border-bottom:1px solid #e2e5ea;text-align:right}
th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left}tr.stale td{background:#fff6e5}`;
