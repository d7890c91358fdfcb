import type { HoldLine, ShortHoldLine } from './hold-book.js';

/** What the worker needs to build its database: the stores and each level's SKU and store. */
export interface HostSetup {
  stores: string[];
  skus: string[];
  levelStore: Int32Array;
  /** The policy's default and longest TTL: the simulator's pickup holds. */
  ttlSeconds: number;
}

/** One call from the simulator's thread, at the simulated instant `nowMs`. */
export type HostRequest =
  | {
      kind: 'place';
      nowMs: number;
      cartId: string;
      lines: HoldLine[];
      ttlSeconds: number;
      basis: { level: number; gross: number; buffer: number }[];
    }
  | { kind: 'convert' | 'release'; nowMs: number; holdId: string }
  | { kind: 'expire' | 'expired'; nowMs: number }
  | { kind: 'held'; nowMs: number; level: number }
  | { kind: 'close' };

export type HostAnswer =
  | { kind: 'placed'; holdId: string }
  | { kind: 'short'; short: ShortHoldLine[] }
  | { kind: 'changed'; changed: boolean }
  | { kind: 'count'; count: number }
  | { kind: 'done' }
  | { kind: 'closed' };
