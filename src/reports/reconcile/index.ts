export { classifyLevel } from './classify-level.js';
export type { Explanation, LevelFigures } from './classify-level.js';
export type { ConnectorTiming } from './explain-differences.js';
export { defaultConnectorTiming, reconcileNetSuite } from './reconcile-netsuite.js';
export type { ReconcileNetSuiteOptions } from './reconcile-netsuite.js';
export { differenceClasses } from './reconciliation-report.js';
export type {
  ClassTotal,
  Difference,
  DifferenceClass,
  LocationTotals,
  NetSuiteReconciliation,
  ReconciliationLine,
  UnmatchedNetSuiteItem,
} from './reconciliation-report.js';
export {
  renderReconciliationCsv,
  renderReconciliationJson,
  renderReconciliationTotalsCsv,
} from './render-reconciliation.js';
export { shopifyAdminOnHandReader, shopifyLevelKey } from './shopify-on-hand-reader.js';
export type { ShopifyLevelRef, ShopifyOnHandReader } from './shopify-on-hand-reader.js';
