import type { Clock } from '../../shared/clock.js';
import type { Storage } from '../../storage/storage.js';
import { cashSaleBody } from './cash-sale.js';
import type { CashSale } from './cash-sale.js';
import { recordErpPost } from './erp-post-store.js';
import type { ErpPostingSettings } from './erp-posting-settings.js';
import { dayAt } from './location-day.js';
import { netsuiteReferences } from './netsuite-references.js';
import { storeSaleExternalId } from './store-sale.js';
import type { StoreSale } from './store-sale.js';

export type SalePostQueued =
  | {
      readonly ok: true;
      readonly externalId: string;
      readonly created: boolean;
      readonly skippedItems: readonly string[];
    }
  | {
      readonly ok: false;
      readonly reason:
        | 'sales_posting_off'
        | 'no_sales_customer'
        | 'location_not_in_netsuite'
        | 'no_line_in_netsuite';
    };

export interface SalePostContext {
  readonly settings: ErpPostingSettings;
  readonly clock: Clock;
}

/**
 * Records a store sale as a NetSuite cash sale and queues it, only where the shop opted in
 * (`postSales`): a shop whose connector imports Shopify orders would otherwise have every
 * sale booked twice, lowering NetSuite's on hand twice.
 */
export async function enqueueStoreSalePost(
  storage: Storage,
  sale: StoreSale,
  context: SalePostContext,
): Promise<SalePostQueued> {
  const { settings, clock } = context;
  if (!settings.postSales) return { ok: false, reason: 'sales_posting_off' };
  if (settings.salesCustomerId === undefined) return { ok: false, reason: 'no_sales_customer' };

  const refs = await netsuiteReferences(
    storage,
    sale.locationHandle,
    sale.lines.map((line) => line.itemId),
  );
  if (refs.location === undefined) return { ok: false, reason: 'location_not_in_netsuite' };
  const posted = sale.lines.filter((line) => refs.items.has(line.itemId) && line.quantity > 0);
  const skippedItems = sale.lines
    .filter((line) => !refs.items.has(line.itemId))
    .map((l) => l.itemId);
  if (posted.length === 0) return { ok: false, reason: 'no_line_in_netsuite' };

  const externalId = storeSaleExternalId(sale.orderId);
  const cashSale: CashSale = {
    externalId,
    customerId: settings.salesCustomerId,
    ...(settings.subsidiaryId !== undefined ? { subsidiaryId: settings.subsidiaryId } : {}),
    locationId: refs.location.netsuiteId,
    tranDate: dayAt(sale.soldAt, refs.location.timeZone),
    memo: `Shopify order ${sale.orderName ?? sale.orderId}`,
    ...(settings.salesDepositAccountId !== undefined
      ? { depositAccountId: settings.salesDepositAccountId }
      : {}),
    tax: settings.salesTax ?? { mode: 'engine' },
    lines: posted.map((line) => ({
      itemId: refs.items.get(line.itemId) as string,
      quantity: line.quantity,
      ...(line.amountCents !== undefined ? { amount: line.amountCents / 100 } : {}),
      ...(line.taxCents !== undefined ? { taxAmount: line.taxCents / 100 } : {}),
    })),
  };
  // A malformed document is refused here, before it is stored and queued.
  cashSaleBody(cashSale);

  const now = clock().toISOString();
  const created = await storage.db.transaction().execute((trx) =>
    recordErpPost(
      trx,
      {
        externalId,
        kind: 'cash_sale',
        sourceRef: sale.orderId,
        locationHandle: sale.locationHandle,
        request: cashSale,
      },
      now,
    ),
  );
  return { ok: true, externalId, created, skippedItems };
}
