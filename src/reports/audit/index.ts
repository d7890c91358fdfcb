export { applyCorrections } from './apply-corrections.js';
export type { ApplyCorrectionsOptions } from './apply-corrections.js';
export type { ApplyCorrectionsResult, GroupOutcome, GroupStatus } from './apply-outcome.js';
export type {
  AuditReport,
  CategoryDrift,
  DriftSummary,
  StoreDrift,
  UnitValue,
  WorstItem,
} from './audit-report.js';
export { buildAuditReport } from './build-audit-report.js';
export type { AuditReportOptions } from './build-audit-report.js';
export type {
  CorrectionGroup,
  CorrectionPlan,
  PlannedCorrection,
  SkippedCountLine,
} from './correction-plan.js';
export type {
  CountCandidate,
  CountFactors,
  CountPlan,
  GhostSignal,
  StoreCountPlan,
} from './count-plan.js';
export type {
  ErpCorrection,
  ErpCorrectionLine,
  ErpCorrectionPosted,
  ErpCorrectionSink,
} from './erp-correction-sink.js';
export { InMemoryErpCorrectionSink } from './in-memory-erp-correction-sink.js';
export type { LikelyCause } from './likely-cause.js';
export { planCorrections } from './plan-corrections.js';
export type { CorrectionOptions } from './plan-corrections.js';
export { planCounts } from './plan-counts.js';
export type { CountPlanOptions } from './plan-counts.js';
export { renderAuditCsv } from './render-audit-csv.js';
export type { AuditCsvTable } from './render-audit-csv.js';
export { renderAuditHtml } from './render-audit-html.js';
export { renderAuditJson } from './render-audit-json.js';
export { reopenLateCounts } from './reopen-late-counts.js';
