export { cashSaleBody, CASH_SALE_RECORD } from './cash-sale.js';
export type { CashSale, CashSaleLine } from './cash-sale.js';
export { countCorrectionExternalId } from './count-correction.js';
export type { CountCorrection, CountCorrectionLine } from './count-correction.js';
export { enqueueCountCorrectionPost } from './enqueue-count-correction-post.js';
export type { CountPostContext, CountPostQueued } from './enqueue-count-correction-post.js';
export { enqueueStoreSalePost } from './enqueue-store-sale-post.js';
export type { SalePostContext, SalePostQueued } from './enqueue-store-sale-post.js';
export { erpDb } from './erp-database.js';
export type { ErpDatabase } from './erp-database.js';
export {
  findErpPost,
  NETSUITE_CHANNEL,
  queuePendingErpPosts,
} from './erp-post-store.js';
export type { ErpPostKind } from './erp-post-store.js';
export { netsuitePosters } from './erp-posters.js';
export type { ErpPosters } from './erp-posters.js';
export { defaultErpPostingSettings } from './erp-posting-settings.js';
export type { ErpPostingSettings, SalesTaxSettings } from './erp-posting-settings.js';
export { ExternalIdRecordPoster } from './external-id-record-poster.js';
export type { RecordPosted } from './external-id-record-poster.js';
export { importedOrdersFromSet, SuiteQlImportedOrders } from './imported-orders.js';
export type { ImportedOrderLookup } from './imported-orders.js';
export { NetSuiteAdjustmentPublisher } from './netsuite-adjustment-publisher.js';
export type { NetSuiteAdjustmentPublisherOptions } from './netsuite-adjustment-publisher.js';
export { NetSuitePoller } from './netsuite-poller.js';
export type { NetSuitePollerOptions, PollOptions, PollSummary } from './netsuite-poller.js';
export type { ItemMatch, ItemMatchProblem } from './netsuite-item-matcher.js';
export { storeSaleExternalId, storeSaleFromOrder } from './store-sale.js';
export type { StoreSale, StoreSaleLine } from './store-sale.js';
