export type { AttributionReport, AttributionRow, CreditTotals } from './attribution-report.js';
export { buildAttributionReport } from './build-attribution-report.js';
export type { AttributionReportOptions } from './build-attribution-report.js';
export { renderAttributionCsv } from './render-attribution-csv.js';
export { renderAttributionHtml } from './render-attribution-html.js';
export { renderAttributionJson } from './render-attribution-json.js';
