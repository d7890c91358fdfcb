import { NetSuiteError } from '../../sources/netsuite/netsuite-error.js';
import type { SalesTaxSettings } from './erp-posting-settings.js';
import { EXTERNAL_ID } from './external-id-record-poster.js';

export const CASH_SALE_RECORD = 'cashSale';

/** A store sale as NetSuite's `cashSale` record: goods handed over and paid at the till. */
export interface CashSale {
  readonly externalId: string;
  readonly customerId: string;
  readonly subsidiaryId?: string;
  readonly locationId: string;
  /** `YYYY-MM-DD`, the day of the sale at the store. */
  readonly tranDate: string;
  readonly memo?: string;
  readonly depositAccountId?: string;
  readonly tax: SalesTaxSettings;
  readonly lines: readonly CashSaleLine[];
}

export interface CashSaleLine {
  readonly itemId: string;
  readonly quantity: number;
  /** The line's net amount in the account currency; NetSuite prices it from the item if absent. */
  readonly amount?: number;
  /** Tax Shopify collected on the line; required when tax is overridden. */
  readonly taxAmount?: number;
}

const INTEGER_ID = /^(?:0|[1-9][0-9]*)$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The REST body. No legacy tax field is ever sent (REST supports tax only through SuiteTax):
 * with the tax engine, nothing about tax at all; with an override, each line carries a
 * `taxDetailsReference` and the `taxDetails` sublist gives its tax under the configured type
 * and code. Field names follow the record browser's camelCase; the override's sublist names
 * are UNVERIFIED against a live SuiteTax account.
 */
export function cashSaleBody(sale: CashSale): Record<string, unknown> {
  if (!EXTERNAL_ID.test(sale.externalId)) invalid('externalId', sale.externalId, 'plain id text');
  checkId(sale.customerId, 'entity');
  checkId(sale.locationId, 'location');
  if (sale.subsidiaryId !== undefined) checkId(sale.subsidiaryId, 'subsidiary');
  if (sale.depositAccountId !== undefined) checkId(sale.depositAccountId, 'account');
  if (!DAY.test(sale.tranDate)) invalid('tranDate', sale.tranDate, 'YYYY-MM-DD');
  if (sale.lines.length === 0) invalid('item', '[]', 'at least one line');
  const override = sale.tax.mode === 'override' ? sale.tax : undefined;

  const items = sale.lines.map((line, index) => {
    checkId(line.itemId, `item[${index}].item`);
    if (!Number.isFinite(line.quantity) || line.quantity <= 0) {
      invalid(`item[${index}].quantity`, String(line.quantity), 'a positive number');
    }
    if (override && (line.amount === undefined || line.taxAmount === undefined)) {
      invalid(`item[${index}]`, 'no amount or tax', 'an amount and a tax amount to override');
    }
    return {
      item: { id: line.itemId },
      quantity: line.quantity,
      location: { id: sale.locationId },
      ...(line.amount !== undefined ? { amount: line.amount } : {}),
      ...(override ? { taxDetailsReference: taxReference(index) } : {}),
    };
  });

  return {
    externalId: sale.externalId,
    entity: { id: sale.customerId },
    ...(sale.subsidiaryId !== undefined ? { subsidiary: { id: sale.subsidiaryId } } : {}),
    location: { id: sale.locationId },
    tranDate: sale.tranDate,
    ...(sale.memo !== undefined ? { memo: sale.memo } : {}),
    ...(sale.depositAccountId !== undefined ? { account: { id: sale.depositAccountId } } : {}),
    item: { items },
    ...(override ? taxOverride(sale.lines, override) : {}),
  };
}

function taxOverride(
  lines: readonly CashSaleLine[],
  tax: Extract<SalesTaxSettings, { mode: 'override' }>,
): Record<string, unknown> {
  checkId(tax.taxTypeId, 'taxType');
  checkId(tax.taxCodeId, 'taxCode');
  return {
    taxDetailsOverride: true,
    taxDetails: {
      items: lines.map((line, index) => ({
        taxDetailsReference: taxReference(index),
        taxType: { id: tax.taxTypeId },
        taxCode: { id: tax.taxCodeId },
        taxBasis: line.amount,
        taxAmount: line.taxAmount,
      })),
    },
  };
}

function taxReference(index: number): string {
  return `line-${index + 1}`;
}

function checkId(id: string, field: string): void {
  if (!INTEGER_ID.test(id)) invalid(field, id, 'a NetSuite internal id (decimal digits)');
}

function invalid(field: string, seen: string, expected: string): never {
  throw new NetSuiteError(
    'netsuite_invalid_record',
    `cashSale ${field} is ${JSON.stringify(seen)}; expected ${expected}`,
    { where: `cashSale ${field}`, seen, expected },
  );
}
