import type { Clock } from '../../shared/clock.js';
import { SandboxConnector } from './sandbox-connector.js';
import type { ConnectorOptions, ImportedOrder, SandboxShopifyOrder } from './sandbox-connector.js';
import { SandboxRecords } from './sandbox-records.js';
import type { SandboxCashSale, SandboxItem, SandboxTransaction } from './sandbox-records.js';

/** One item at one location in the sandbox's books. */
export interface SandboxItemLocation {
  readonly item: string;
  readonly location: string;
  readonly onHand: number;
  readonly committed: number;
  readonly onOrder: number;
  readonly inTransit: number;
  /** Moves on every change to the row (`aggregateItemLocation.lastmodifieddate`). */
  readonly lastModified: Date;
  /** Moves only when available (on hand − committed) changes (`lastquantityavailablechange`). */
  readonly lastAvailableChange: Date;
}

export interface ItemLocationQuantities {
  readonly item: string;
  readonly location: string;
  readonly onHand: number;
  readonly committed?: number;
  readonly onOrder?: number;
  readonly inTransit?: number;
}

export interface SandboxInventoryAdjustment {
  readonly id: string;
  readonly externalId: string | undefined;
  readonly accountId: string;
  readonly locationId: string | undefined;
  readonly tranDate: string | undefined;
  readonly memo: string | undefined;
  readonly lines: ReadonlyArray<{ item: string; location: string; adjustQtyBy: number }>;
  readonly createdAt: Date;
}

/** What a SuiteQL page listener is told, after the page is built and before it is sent. */
export interface ServedPage {
  readonly table: string;
  readonly offset: number;
  readonly count: number;
  /** Pages served so far, this one included. */
  readonly pagesServed: number;
}

export interface ConcurrencyFault {
  /** 429 is what REST web services send; 400 with the same code is what some mocks use. */
  readonly status?: 429 | 400;
}

const INTEGER_ID = /^(?:0|[1-9][0-9]*)$/;

/**
 * The sandbox's state, changed directly by tests and the demo: quantities per item and
 * location, created records, the late connector's orders, and faults to inject.
 */
export class NetSuiteSandboxStore {
  readonly connector: SandboxConnector;
  /** Items, the `transaction` table and cash sales. */
  readonly records = new SandboxRecords();
  /** Why each refused login was refused (NetSuite itself only says INVALID_LOGIN). */
  readonly authFailures: string[] = [];
  tokensIssued = 0;
  /** Every REST request (token grants excluded), in order of arrival. */
  readonly requests: Array<{ method: string; path: string }> = [];
  /** The most REST requests ever in flight at once. */
  maxInFlight = 0;

  private readonly levels = new Map<string, SandboxItemLocation>();
  private readonly accessTokens = new Map<string, number>();
  private readonly created: SandboxInventoryAdjustment[] = [];
  private readonly pageListeners = new Set<(page: ServedPage) => void>();
  private readonly faults: Array<Required<ConcurrencyFault>> = [];
  private pagesServed = 0;
  private nextRecordId = 5001;

  constructor(
    readonly clock: Clock,
    connectorOptions: ConnectorOptions = {},
  ) {
    this.connector = new SandboxConnector(this, connectorOptions);
  }

  /** Sets an item's quantities at a location, creating the row if needed. */
  setItemLocation(quantities: ItemLocationQuantities): void {
    checkId(quantities.item, 'item');
    checkId(quantities.location, 'location');
    const before = this.itemLocation(quantities.item, quantities.location);
    const now = this.clock();

    const next = {
      item: quantities.item,
      location: quantities.location,
      onHand: quantities.onHand,
      committed: quantities.committed ?? before?.committed ?? 0,
      onOrder: quantities.onOrder ?? before?.onOrder ?? 0,
      inTransit: quantities.inTransit ?? before?.inTransit ?? 0,
    };
    const availableMoved =
      before === undefined || before.onHand - before.committed !== next.onHand - next.committed;

    this.levels.set(key(next.item, next.location), {
      ...next,
      lastModified: now,
      lastAvailableChange: availableMoved ? now : before.lastAvailableChange,
    });
  }

  /** Adds signed changes to on hand and committed (an adjustment, a sale, a fulfilment). */
  changeQuantities(item: string, location: string, onHandBy: number, committedBy = 0): void {
    const before = this.itemLocation(item, location);
    this.setItemLocation({
      item,
      location,
      onHand: (before?.onHand ?? 0) + onHandBy,
      committed: (before?.committed ?? 0) + committedBy,
    });
  }

  removeItemLocation(item: string, location: string): boolean {
    return this.levels.delete(key(item, location));
  }

  itemLocation(item: string, location: string): SandboxItemLocation | undefined {
    return this.levels.get(key(item, location));
  }

  itemLocations(): SandboxItemLocation[] {
    return [...this.levels.values()];
  }

  /** The next `count` REST requests are refused by the concurrency limit. */
  rejectNextRequests(count: number, fault: ConcurrencyFault = {}): void {
    for (let i = 0; i < count; i += 1) this.faults.push({ status: fault.status ?? 429 });
  }

  /** Takes the next injected concurrency fault, if any. */
  takeFault(): Required<ConcurrencyFault> | undefined {
    return this.faults.shift();
  }

  /** Calls `listener` after every SuiteQL page is built: the place to change rows between pages. */
  onPageServed(listener: (page: ServedPage) => void): () => void {
    this.pageListeners.add(listener);
    return () => this.pageListeners.delete(listener);
  }

  pageServed(page: Omit<ServedPage, 'pagesServed'>): void {
    this.pagesServed += 1;
    for (const listener of this.pageListeners) listener({ ...page, pagesServed: this.pagesServed });
  }

  issueAccessToken(accessToken: string, expiresAtMs: number): void {
    this.accessTokens.set(accessToken, expiresAtMs);
    this.tokensIssued += 1;
  }

  /** True for a bearer token the sandbox issued that has not expired or been revoked. */
  acceptsAccessToken(accessToken: string): boolean {
    const expiresAtMs = this.accessTokens.get(accessToken);
    return expiresAtMs !== undefined && this.clock().getTime() < expiresAtMs;
  }

  /** Forgets every bearer token, as a revoked integration or a sandbox refresh would. */
  revokeAccessTokens(): void {
    this.accessTokens.clear();
  }

  addShopifyOrder(order: SandboxShopifyOrder): void {
    this.connector.placeOrder(order);
  }

  /** Runs one connector cycle now: imports every order and fulfilment whose delay has passed. */
  runConnector(): ImportedOrder[] {
    return this.connector.runCycle();
  }

  recordAdjustment(input: Omit<SandboxInventoryAdjustment, 'id' | 'createdAt'>): string {
    const id = String(this.nextRecordId);
    this.nextRecordId += 1;
    this.created.push({ ...input, id, createdAt: this.clock() });
    this.recordTransaction({ id, externalId: input.externalId, type: 'InvAdjst' });
    for (const line of input.lines)
      this.changeQuantities(line.item, line.location, line.adjustQtyBy);
    return id;
  }

  /** Adds or replaces an item record (what SKU matching reads from the `item` table). */
  setItem(item: SandboxItem): void {
    checkId(item.id, 'item');
    this.records.items.set(item.id, item);
  }

  /** Books a cash sale: on hand falls by each line's quantity at its location. */
  recordCashSale(input: Omit<SandboxCashSale, 'id' | 'createdAt'>): string {
    const id = this.nextTransactionId();
    this.records.cashSales.push({ ...input, id, createdAt: this.clock() });
    this.recordTransaction({ id, externalId: input.externalId, type: 'CashSale' });
    for (const line of input.lines) this.changeQuantities(line.item, line.location, -line.quantity);
    return id;
  }

  /** A row of the `transaction` table, for every booked document. */
  recordTransaction(row: Omit<SandboxTransaction, 'createdAt'>): void {
    this.records.transactions.push({ ...row, createdAt: this.clock() });
  }

  adjustments(): readonly SandboxInventoryAdjustment[] {
    return this.created;
  }

  findAdjustment(
    ref: { id: string } | { externalId: string },
  ): SandboxInventoryAdjustment | undefined {
    return this.created.find((adjustment) =>
      'id' in ref ? adjustment.id === ref.id : adjustment.externalId === ref.externalId,
    );
  }

  nextTransactionId(): string {
    const id = String(this.nextRecordId);
    this.nextRecordId += 1;
    return id;
  }
}

function key(item: string, location: string): string {
  return `${item}@${location}`;
}

function checkId(id: string, field: string): void {
  if (!INTEGER_ID.test(id))
    throw new RangeError(`${field} ${JSON.stringify(id)} is not an internal id`);
}
