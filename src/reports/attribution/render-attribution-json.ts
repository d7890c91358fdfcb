import type { AttributionReport } from './attribution-report.js';

/** The report for machines: amounts stay integer minor units of their `currency`. */
export function renderAttributionJson(report: AttributionReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
