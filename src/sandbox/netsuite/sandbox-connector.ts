import type { NetSuiteSandboxStore } from './netsuite-sandbox-store.js';
import { SandboxStockPush } from './sandbox-stock-push.js';

/** A Shopify order as the shop's connector will bring it into NetSuite. */
export interface SandboxShopifyOrder {
  /** The Shopify order id; the connector writes it into the NetSuite transaction's externalId. */
  readonly externalId: string;
  readonly placedAt: Date;
  /** `pos`: handed over at the till (a cash sale); `online`: to be fulfilled (a sales order). */
  readonly channel: 'pos' | 'online';
  readonly lines: ReadonlyArray<{ item: string; location: string; quantity: number }>;
}

export interface ImportedOrder {
  readonly externalId: string;
  readonly netsuiteId: string;
  readonly type: 'CashSale' | 'SalesOrd';
  readonly importedAt: Date;
  readonly fulfilledAt: Date | undefined;
  /** The Shopify fulfilment id the connector wrote into the item fulfilment's externalId. */
  readonly fulfilmentExternalId: string | undefined;
  readonly lines: SandboxShopifyOrder['lines'];
}

export interface ConnectorOptions {
  /** How long after a Shopify order the connector books it (NetSuite Connector: 20 min). */
  readonly orderImportDelaySeconds?: number;
  /** How long after a Shopify fulfilment the connector books it (NetSuite Connector: 90 min). */
  readonly fulfilmentImportDelaySeconds?: number;
  /** How often it pushes NetSuite's available to Shopify (NetSuite Connector: 60 min). */
  readonly stockPushIntervalSeconds?: number;
}

interface ImportState {
  order: SandboxShopifyOrder;
  imported: ImportedOrder | undefined;
  fulfilledInShopifyAt: Date | undefined;
  fulfilmentId: string | undefined;
}

/**
 * The shop's existing connector (Celigo, NetSuite Connector), as trueshelf sees it from
 * NetSuite: Shopify orders arrive as NetSuite sales some time after they happened. A POS sale
 * becomes a cash sale and lowers on hand when imported; an online order becomes a sales order
 * that raises committed, and lowers on hand only when its fulfilment is imported in turn.
 */
export class SandboxConnector {
  /** The scheduled push of absolute stock to Shopify, run by `runCycle` when due. */
  readonly stockPush: SandboxStockPush;
  private readonly orders = new Map<string, ImportState>();
  private readonly orderDelayMs: number;
  private readonly fulfilmentDelayMs: number;

  constructor(
    private readonly store: NetSuiteSandboxStore,
    options: ConnectorOptions,
  ) {
    this.orderDelayMs = (options.orderImportDelaySeconds ?? 20 * 60) * 1000;
    this.fulfilmentDelayMs = (options.fulfilmentImportDelaySeconds ?? 90 * 60) * 1000;
    this.stockPush = new SandboxStockPush(store, options.stockPushIntervalSeconds ?? 60 * 60);
  }

  placeOrder(order: SandboxShopifyOrder): void {
    if (this.orders.has(order.externalId)) {
      throw new RangeError(`order ${order.externalId} was placed already`);
    }
    this.orders.set(order.externalId, {
      order,
      imported: undefined,
      fulfilledInShopifyAt: undefined,
      fulfilmentId: undefined,
    });
  }

  /**
   * Shopify fulfilled an online order; the connector books it after its own delay, as an item
   * fulfilment whose externalId is the Shopify fulfilment id (when given).
   */
  fulfilInShopify(externalId: string, at: Date, fulfilmentId?: string): void {
    const state = this.orders.get(externalId);
    if (state === undefined || state.order.channel !== 'online') {
      throw new RangeError(`no online order ${externalId} to fulfil`);
    }
    state.fulfilledInShopifyAt = at;
    state.fulfilmentId = fulfilmentId;
  }

  /**
   * One sync cycle: books what is due, then pushes stock if its schedule says so. Returns the
   * orders imported or fulfilled in this cycle.
   */
  runCycle(): ImportedOrder[] {
    const nowMs = this.store.clock().getTime();
    const touched: ImportedOrder[] = [];

    for (const state of this.orders.values()) {
      if (
        state.imported === undefined &&
        state.order.placedAt.getTime() + this.orderDelayMs <= nowMs
      ) {
        state.imported = this.importOrder(state.order);
        touched.push(state.imported);
      }

      const fulfilledAt = state.fulfilledInShopifyAt;
      const fulfilmentDue =
        state.imported !== undefined &&
        state.imported.type === 'SalesOrd' &&
        state.imported.fulfilledAt === undefined &&
        fulfilledAt !== undefined &&
        fulfilledAt.getTime() + this.fulfilmentDelayMs <= nowMs;
      if (fulfilmentDue && state.imported) {
        state.imported = this.importFulfilment(state.imported, state.fulfilmentId);
        touched.push(state.imported);
      }
    }
    this.stockPush.runIfDue();
    return touched;
  }

  imported(): ImportedOrder[] {
    return [...this.orders.values()].flatMap((state) => (state.imported ? [state.imported] : []));
  }

  /** Placed in Shopify and not yet booked in NetSuite. */
  pending(): SandboxShopifyOrder[] {
    return [...this.orders.values()].filter((s) => s.imported === undefined).map((s) => s.order);
  }

  private importOrder(order: SandboxShopifyOrder): ImportedOrder {
    const atTill = order.channel === 'pos';
    for (const line of order.lines) {
      if (atTill) this.store.changeQuantities(line.item, line.location, -line.quantity);
      else this.store.changeQuantities(line.item, line.location, 0, line.quantity);
    }
    const netsuiteId = this.store.nextTransactionId();
    const type = atTill ? 'CashSale' : 'SalesOrd';
    this.store.recordTransaction({ id: netsuiteId, externalId: order.externalId, type });
    return {
      externalId: order.externalId,
      netsuiteId,
      type,
      importedAt: this.store.clock(),
      fulfilledAt: atTill ? order.placedAt : undefined,
      fulfilmentExternalId: undefined,
      lines: order.lines,
    };
  }

  private importFulfilment(
    imported: ImportedOrder,
    fulfilmentId: string | undefined,
  ): ImportedOrder {
    for (const line of imported.lines) {
      this.store.changeQuantities(line.item, line.location, -line.quantity, -line.quantity);
    }
    const id = this.store.nextTransactionId();
    this.store.recordTransaction({ id, externalId: fulfilmentId, type: 'ItemShip' });
    return { ...imported, fulfilledAt: this.store.clock(), fulfilmentExternalId: fulfilmentId };
  }
}
