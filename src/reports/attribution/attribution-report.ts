/** Credit over a period; money in the shop currency's minor units, reversals included. */
export interface CreditTotals {
  currency: string;
  saleCredit: number;
  fulfilmentCredit: number;
  /** The negative part of the above: refunds, cancellations, parts moved away. */
  reversedSale: number;
  reversedFulfilment: number;
  /** Orders with any entry in the group. */
  orders: number;
}

/** One group of the ledger: a store-local day, a store, a channel, a class, a credit, a party. */
export interface AttributionRow {
  day: string;
  store: string;
  timeZone: string;
  channel: string;
  class: string;
  credit: 'sale' | 'fulfilment';
  party: string;
  associate: string | null;
  currency: string;
  amount: number;
  reversed: number;
  orders: number;
}

/**
 * The attribution report. Stores earn sale credit as the selling store and fulfilment credit as
 * the fulfilling location; `ecommerce` stands for e-commerce. Associates are a view inside their
 * store (their credit is not added to the totals again). Days are counted in each store's own
 * time zone (e-commerce's: `attribution.ecommerceTimeZone`).
 */
export interface AttributionReport {
  generatedAt: string;
  from: string;
  to: string;
  ecommerceTimeZone: string;
  currencies: string[];
  totals: CreditTotals[];
  stores: (CreditTotals & { store: string; name: string; kind: string; timeZone: string })[];
  associates: (CreditTotals & { staffId: string | null; store: string })[];
  channels: (CreditTotals & { channel: string })[];
  classes: (CreditTotals & { class: string; channel: string })[];
  days: (CreditTotals & { day: string; store: string; timeZone: string })[];
  presentment: (CreditTotals & { channel: string })[];
  rows: AttributionRow[];
}
