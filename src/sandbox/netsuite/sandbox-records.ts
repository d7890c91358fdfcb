/** An item record: the fields SKU matching reads (`itemid`, `externalid`). */
export interface SandboxItem {
  readonly id: string;
  /** NetSuite's "Item Name/Number", where shops usually keep the SKU. */
  readonly itemid: string;
  readonly externalid?: string;
}

/** A row of the `transaction` table: what any booked document leaves behind. */
export interface SandboxTransaction {
  readonly id: string;
  readonly externalId: string | undefined;
  /** SuiteQL's type codes: `CashSale`, `SalesOrd`, `ItemShip`, `InvAdjst`. */
  readonly type: 'CashSale' | 'SalesOrd' | 'ItemShip' | 'InvAdjst';
  readonly createdAt: Date;
}

export interface SandboxCashSaleLine {
  readonly item: string;
  readonly location: string;
  readonly quantity: number;
  readonly amount: number | undefined;
  readonly taxDetailsReference: string | undefined;
}

export interface SandboxTaxDetail {
  readonly taxDetailsReference: string;
  readonly taxType: string;
  readonly taxCode: string;
  readonly taxBasis: number;
  readonly taxAmount: number;
}

export interface SandboxCashSale {
  readonly id: string;
  readonly externalId: string | undefined;
  readonly entity: string;
  readonly location: string;
  readonly subsidiary: string | undefined;
  readonly tranDate: string | undefined;
  readonly memo: string | undefined;
  readonly taxDetailsOverride: boolean;
  readonly lines: readonly SandboxCashSaleLine[];
  readonly taxDetails: readonly SandboxTaxDetail[];
  readonly createdAt: Date;
}

/** Items, transactions and cash sales kept by the sandbox store. */
export class SandboxRecords {
  readonly items = new Map<string, SandboxItem>();
  readonly transactions: SandboxTransaction[] = [];
  readonly cashSales: SandboxCashSale[] = [];

  findCashSale(ref: { id: string } | { externalId: string }): SandboxCashSale | undefined {
    return this.cashSales.find((sale) =>
      'id' in ref ? sale.id === ref.id : sale.externalId === ref.externalId,
    );
  }
}
