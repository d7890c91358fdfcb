import type { InventoryAdjustment } from '../../sources/netsuite/inventory-adjustment.js';
import type { NetSuiteClient } from '../../sources/netsuite/netsuite-client.js';
import { CASH_SALE_RECORD, cashSaleBody } from './cash-sale.js';
import type { CashSale } from './cash-sale.js';
import { ExternalIdRecordPoster } from './external-id-record-poster.js';
import type { RecordPosted } from './external-id-record-poster.js';

/** The two documents trueshelf posts, each idempotent by its externalId. */
export interface ErpPosters {
  postAdjustment(adjustment: InventoryAdjustment): Promise<RecordPosted>;
  postCashSale(sale: CashSale): Promise<RecordPosted>;
}

export function netsuitePosters(
  client: Pick<NetSuiteClient, 'adjustments' | 'transport'>,
): ErpPosters {
  const cashSales = new ExternalIdRecordPoster(client.transport, CASH_SALE_RECORD);
  return {
    postAdjustment: (adjustment) => client.adjustments.post(adjustment),
    postCashSale: (sale) => cashSales.post(sale.externalId, cashSaleBody(sale)),
  };
}
