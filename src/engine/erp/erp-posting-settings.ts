/**
 * How SuiteTax treats a posted cash sale. `engine`: no tax fields are sent and NetSuite's tax
 * engine computes tax from the nexus (REST supports no legacy tax fields at all). `override`:
 * Shopify's collected tax is sent as the `taxDetails` sublist with `taxDetailsOverride`, under
 * one configured tax type and code.
 */
export type SalesTaxSettings =
  | { readonly mode: 'engine' }
  | { readonly mode: 'override'; readonly taxTypeId: string; readonly taxCodeId: string };

export interface ErpPostingSettings {
  /** The GL account count corrections are booked against; no posting without it. */
  readonly adjustmentAccountId: string | undefined;
  /** Needed on OneWorld accounts. */
  readonly subsidiaryId?: string | undefined;
  /**
   * Post store sales as cash sales. Off by default: a shop with a connector already gets its
   * Shopify orders into NetSuite, and posting them as well would book every sale twice.
   */
  readonly postSales: boolean;
  /** The customer (walk-in / "Shopify POS") a posted cash sale names as its entity. */
  readonly salesCustomerId?: string | undefined;
  /** Where a posted cash sale's payment is deposited (default: NetSuite's undeposited funds). */
  readonly salesDepositAccountId?: string | undefined;
  readonly salesTax?: SalesTaxSettings;
}

export const defaultErpPostingSettings: ErpPostingSettings = {
  adjustmentAccountId: undefined,
  postSales: false,
  salesTax: { mode: 'engine' },
};
