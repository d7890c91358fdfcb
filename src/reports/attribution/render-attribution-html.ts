import { currencyExponent, formatMinorUnits } from '../../domain/attribution/minor-units.js';
import { escapeHtml as e } from '../audit/escape-html.js';
import { svgBarChart } from '../audit/svg-bar-chart.js';
import type { AttributionReport, CreditTotals } from './attribution-report.js';

const BLUE = '#2e6da4';
const GREEN = '#3c8d5a';

const CLASS_NAMES: Record<string, string> = {
  pos_carry_out: 'POS carry-out',
  pos_ship_from_warehouse: 'POS ship from warehouse (endless aisle)',
  pos_ship_from_store: 'POS ship from another store',
  online_ship_from_warehouse: 'Online shipped from warehouse',
  online_pickup_in_store: 'Online picked up in store',
  online_ship_from_store: 'Online shipped from store',
};

/** The attribution report for people: one self-contained page, charts as inline SVG. */
export function renderAttributionHtml(report: AttributionReport): string {
  const currency = report.currencies[0] ?? 'USD';
  // Charts draw major units (dollars); amounts stay exact minor units everywhere else.
  const unit = 10 ** currencyExponent(currency);
  const money = (minor: number) => `${formatMinorUnits(minor, currency)} ${currency}`;
  const mine = <T extends CreditTotals>(rows: T[]) => rows.filter((r) => r.currency === currency);
  const total = mine(report.totals)[0];
  const stores = mine(report.stores);
  const days = dailyTotals(mine(report.days));

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Sale and fulfilment attribution</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Sale and fulfilment attribution</h1>
<p class="meta">Generated ${e(report.generatedAt)} · ${e(report.from)} to ${e(report.to)}, each store's days in its own time zone (e-commerce: ${e(report.ecommerceTimeZone)}) · amounts in ${e(currency)}, net of refunds and cancellations${report.currencies.length > 1 ? ` · other shop currencies in the CSV and JSON: ${e(report.currencies.slice(1).join(', '))}` : ''}</p>
<section class="tiles">
${tile('Sale credit', money(total?.saleCredit ?? 0), `${money(total?.reversedSale ?? 0)} reversed`)}
${tile('Fulfilment credit', money(total?.fulfilmentCredit ?? 0), `${money(total?.reversedFulfilment ?? 0)} reversed`)}
${tile('Orders', String(total?.orders ?? 0))}
</section>
<section class="charts">
${svgBarChart({
  title: 'Sale and fulfilment credit per store',
  series: [
    { name: 'sale credit', colour: BLUE },
    { name: 'fulfilment credit', colour: GREEN },
  ],
  rows: stores.map((s) => ({
    label: s.name,
    values: [s.saleCredit / unit, s.fulfilmentCredit / unit],
  })),
  format: (v) => money(Math.round(v * unit)),
})}
${svgBarChart({
  title: 'Sale credit per associate',
  series: [{ name: 'sale credit', colour: BLUE }],
  rows: mine(report.associates).map((a) => ({
    label: `${a.staffId ?? '(no staff)'} · ${a.store}`,
    values: [a.saleCredit / unit],
  })),
  format: (v) => money(Math.round(v * unit)),
})}
${svgBarChart({
  title: 'Credit per class',
  series: [
    { name: 'sale credit', colour: BLUE },
    { name: 'fulfilment credit', colour: GREEN },
  ],
  rows: mine(report.classes).map((c) => ({
    label: CLASS_NAMES[c.class] ?? c.class,
    values: [c.saleCredit / unit, c.fulfilmentCredit / unit],
  })),
  format: (v) => money(Math.round(v * unit)),
})}
${svgBarChart({
  title: 'Credit per store-local day',
  series: [
    { name: 'sale credit', colour: BLUE },
    { name: 'fulfilment credit', colour: GREEN },
  ],
  rows: days.map((d) => ({ label: d.day, values: [d.sale / unit, d.fulfilment / unit] })),
  format: (v) => money(Math.round(v * unit)),
})}
</section>
<h2>Stores</h2>
${table(
  ['Store', 'Time zone', 'Sale credit', 'Fulfilment credit', 'Reversed', 'Orders'],
  stores.map((s) => [
    s.name,
    s.timeZone,
    money(s.saleCredit),
    money(s.fulfilmentCredit),
    money(s.reversedSale + s.reversedFulfilment),
    String(s.orders),
  ]),
)}
<h2>Associates</h2>
${table(
  ['Staff member', 'Store', 'Sale credit', 'Reversed', 'Orders'],
  mine(report.associates).map((a) => [
    a.staffId ?? '(no staff)',
    a.store,
    money(a.saleCredit),
    money(a.reversedSale),
    String(a.orders),
  ]),
)}
<h2>Channels and classes</h2>
${table(
  ['Channel', 'Class', 'Sale credit', 'Fulfilment credit', 'Orders'],
  mine(report.classes).map((c) => [
    c.channel,
    CLASS_NAMES[c.class] ?? c.class,
    money(c.saleCredit),
    money(c.fulfilmentCredit),
    String(c.orders),
  ]),
)}
<h2>Days</h2>
${table(
  ['Day', 'Store', 'Sale credit', 'Fulfilment credit'],
  mine(report.days).map((d) => [d.day, d.store, money(d.saleCredit), money(d.fulfilmentCredit)]),
)}
</body>
</html>
`;
}

function dailyTotals(days: { day: string; saleCredit: number; fulfilmentCredit: number }[]) {
  const byDay = new Map<string, { day: string; sale: number; fulfilment: number }>();
  for (const d of days) {
    const row = byDay.get(d.day) ?? { day: d.day, sale: 0, fulfilment: 0 };
    row.sale += d.saleCredit;
    row.fulfilment += d.fulfilmentCredit;
    byDay.set(d.day, row);
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

function tile(label: string, value: string, sub = ''): string {
  return `<div class="tile"><div class="label">${e(label)}</div><div class="value">${e(value)}</div><div class="sub">${e(sub)}</div></div>`;
}

function table(head: string[], rows: string[][]): string {
  if (rows.length === 0) return '<p class="meta">Nothing in this period.</p>';
  const th = head.map((h) => `<th>${e(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:1100px}
h1{margin-bottom:.2rem}.meta{color:#666;font-size:.9rem}
.tiles{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.tile{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem;min-width:180px}
.tile .label{font-size:.8rem;color:#666}.tile .value{font-size:1.4rem;font-weight:600}.tile .sub{font-size:.8rem;color:#666}
.charts svg{display:block;margin:1rem 0}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border-bottom:1px solid #eee;padding:.25rem .6rem;text-align:left;font-size:.9rem}
td:nth-child(n+3){text-align:right}`;
