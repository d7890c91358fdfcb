import type { NetSuiteSandboxStore } from './netsuite-sandbox-store.js';

/** One level as the connector last pushed it: the absolute figure it sets Shopify to. */
export interface PushedLevel {
  readonly item: string;
  readonly location: string;
  /** NetSuite's available at the push (on hand − committed), set as Shopify's `available`. */
  readonly available: number;
}

export interface StockPush {
  readonly pushedAt: Date;
  readonly levels: readonly PushedLevel[];
}

/**
 * The connector's other half: on a fixed schedule it copies NetSuite's available per item and
 * location into Shopify as an absolute number (NetSuite Connector's product cycle: 60 min).
 * Between pushes Shopify keeps the last figure, whatever sold since: the classic scheduled
 * sync. The sandbox records each push rather than writing into a Shopify; a demo or test
 * compares it with what trueshelf sells.
 */
export class SandboxStockPush {
  private last: StockPush | undefined;
  private readonly intervalMs: number;

  constructor(
    private readonly store: NetSuiteSandboxStore,
    intervalSeconds: number,
  ) {
    if (!(intervalSeconds > 0)) throw new RangeError(`stock push interval ${intervalSeconds} s`);
    this.intervalMs = intervalSeconds * 1000;
  }

  /** Pushes when none has run yet or the interval has passed; returns the push if it ran. */
  runIfDue(): StockPush | undefined {
    const now = this.store.clock();
    if (this.last !== undefined && now.getTime() < this.last.pushedAt.getTime() + this.intervalMs)
      return undefined;
    return this.pushNow();
  }

  pushNow(): StockPush {
    const levels = this.store
      .itemLocations()
      .map((level) => ({
        item: level.item,
        location: level.location,
        available: level.onHand - level.committed,
      }))
      .sort((a, b) => a.location.localeCompare(b.location) || a.item.localeCompare(b.item));
    this.last = { pushedAt: this.store.clock(), levels };
    return this.last;
  }

  lastPush(): StockPush | undefined {
    return this.last;
  }
}
