import { describeCause } from '../../reports/audit/describe-cause.js';
import type {
  CategoryDrift,
  DriftSummary,
  StoreDrift,
  WorstItem,
} from '../../reports/audit/audit-report.js';
import type { AuditSnapshotView } from './audit-snapshot.js';

export interface AuditPage {
  generatedAt: string;
  thresholdPercent: number;
  imports: number;
  latestImportAt: string | null;
  chain: DriftSummary;
  /** Stores over the threshold, highest drift first (the report's order). */
  flagged: string[];
  stores: readonly StoreDrift[];
  categories: readonly CategoryDrift[];
  /** The report's worst items, each likely cause also put in words for the page. */
  worstItems: (WorstItem & { causes: string[] })[];
  unreconciledCounts: number;
}

/** What the audit page shows: the report as built, nothing recomputed here. */
export function auditPage(view: AuditSnapshotView): AuditPage {
  const { report } = view;
  return {
    generatedAt: report.generatedAt,
    thresholdPercent: report.thresholdPercent,
    imports: view.imports,
    latestImportAt: view.latestImportAt,
    chain: report.chain,
    flagged: report.stores.filter((s) => s.overThreshold).map((s) => s.locationHandle),
    stores: report.stores,
    categories: report.categories,
    worstItems: report.worstItems.map((item) => ({
      ...item,
      causes: item.likelyCauses.map(describeCause),
    })),
    unreconciledCounts: report.unreconciledCounts,
  };
}
