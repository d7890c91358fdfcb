import type { AuditReport } from './audit-report.js';

/** The audit for machines, as JSON: the report object itself, every figure raw. */
export function renderAuditJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
