import type { AttributionClass, SaleChannel } from './attribution-class.js';
import type { CreditKind, CreditParty } from './credit-rules.js';

/** What moved credit: the sale itself, a fulfilment, a refund, or a cancellation. */
export type CreditCause = 'sale' | 'fulfilment' | 'refund' | 'cancellation';

/**
 * One party's credit from one cause for one line item in one part of an order. Reversals are
 * negative. `key` is stable across re-computations, so the engine records only differences.
 */
export interface CreditLine {
  key: string;
  cause: CreditCause;
  causeRef: string;
  lineItemId: string;
  attributionClass: AttributionClass;
  channel: SaleChannel;
  credit: CreditKind;
  party: CreditParty;
  /** The store's or location's handle, the staff member's id, or null (e-commerce, no staff). */
  partyRef: string | null;
  sellingHandle: string | null;
  fulfillingHandle: string;
  staffId: string | null;
  /** The location whose time zone counts the day; null: e-commerce's zone. */
  dayHandle: string | null;
  /** Shop currency, minor units. */
  amount: number;
  presentmentAmount: number;
  occurredAt: string;
}
