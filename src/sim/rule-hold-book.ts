import { claimCovers, sellableForClaim } from '../domain/holds/hold-claim.js';
import { instantAfter } from '../domain/holds/hold-clock.js';
import { sumHoldDemand } from '../domain/holds/hold-demand.js';
import {
  expiryTransition,
  planHoldAction,
  returnsHeldUnits,
  statusAt,
} from '../domain/holds/hold-transitions.js';
import type { HoldAction, HoldStatus, HoldTransition } from '../domain/holds/hold-transitions.js';
import type { Clock } from '../shared/clock.js';
import type {
  ClaimBasisOf,
  HoldBook,
  HoldBookContext,
  HoldPlacement,
  HoldRequest,
  ShortHoldLine,
} from './hold-book.js';

interface Line {
  itemId: string;
  locationHandle: string;
  quantity: number;
  level: number;
}

const STATUSES: readonly HoldStatus[] = ['active', 'checkout', 'converted', 'released', 'expired'];
const ACTIVE = 0;

/**
 * The product's hold rules (src/domain/holds) on typed arrays, following the steps of
 * `placeHold`, `changeHold`, `releaseExpiredHolds` and the decision's read: demand summed per
 * level, expired holds at those levels and the cart's stop counting first, the cart's own live
 * hold gives its units back, every level checked by `claimCovers`, all lines or none; convert and
 * release planned by `planHoldAction` after expiry at read, so doing either twice changes
 * nothing. Ids are never reused, as UUIDs are not.
 *
 * What differs from the SQL service: a refusal keeps the expiries it found (the service rolls
 * them back and the next read finds them again, so what any read sees is the same).
 */
export class RuleHoldBook implements HoldBook {
  private readonly held: Int32Array;
  /** Earliest expiry among the level's active holds (ms; Infinity: none). */
  private readonly nextExpiryMs: Float64Array;
  private readonly holdsAt: number[][];
  private readonly levelIds: { sku: string; store: string }[];
  private readonly clock: Clock;
  private readonly basis: ClaimBasisOf;
  private status = new Uint8Array(256);
  private expiresAtMs = new Float64Array(256);
  private readonly lines: Line[][] = [];
  private readonly carts: string[] = [];
  private readonly activeByCart = new Map<string, number>();
  private expired = 0;

  constructor(context: HoldBookContext) {
    const { matrix } = context;
    const n = matrix.levelCount;
    this.held = new Int32Array(n);
    this.nextExpiryMs = new Float64Array(n).fill(Infinity);
    this.holdsAt = Array.from({ length: n }, () => []);
    this.levelIds = Array.from({ length: n }, (_, level) => ({
      sku: matrix.levelSku[level]!,
      store: matrix.stores[matrix.levelStore[level]!]!,
    }));
    this.clock = context.clock;
    this.basis = context.basis;
  }

  place(request: HoldRequest): HoldPlacement {
    const now = this.clock();
    const demand = sumHoldDemand(request.lines.map((line) => this.lineOf(line.level, line.units)));
    for (const line of demand) this.expireAt(line.level, now);
    const previous = this.activeByCart.get(request.cartId);
    if (previous !== undefined) this.expireIfDue(previous, now);

    // The cart's own live hold gives its units back before the check, so holding again
    // replaces the claim; a refusal puts them back (the service's rollback).
    const replacing = this.activeByCart.get(request.cartId);
    if (replacing !== undefined) this.unclaim(replacing);

    const short: ShortHoldLine[] = [];
    for (const line of demand) {
      const basis = { ...this.basis(line.level), held: this.held[line.level]! };
      if (claimCovers(basis, line.quantity)) continue;
      short.push({
        level: line.level,
        requested: line.quantity,
        sellable: sellableForClaim(basis),
      });
    }
    if (short.length > 0) {
      if (replacing !== undefined) this.claim(replacing, this.lines[replacing]!);
      return { ok: false, reason: 'insufficient_stock', short };
    }

    const holdId = replacing ?? this.newHold(request.cartId);
    this.expiresAtMs[holdId] = Date.parse(instantAfter(now, request.ttlSeconds));
    this.claim(holdId, demand);
    return { ok: true, holdId };
  }

  convert(holdId: number): boolean {
    return this.change(holdId, { kind: 'convert' });
  }

  release(holdId: number): boolean {
    return this.change(holdId, { kind: 'release' });
  }

  expireDue(): void {
    const now = this.clock();
    for (const [, holdId] of [...this.activeByCart]) this.expireIfDue(holdId, now);
  }

  expiredSoFar(): number {
    return this.expired;
  }

  heldUnits(level: number): number {
    // Most levels hold nothing most of the time: no hold there, nothing to expire or count.
    if (this.holdsAt[level]!.length === 0) return 0;
    const now = this.clock();
    if (now.getTime() >= this.nextExpiryMs[level]!) this.expireAt(level, now);
    return this.held[level]!;
  }

  close(): void {}

  private change(holdId: number, action: HoldAction): boolean {
    if (holdId < 0 || holdId >= this.carts.length) return false;
    const now = this.clock();
    this.expireIfDue(holdId, now);

    const plan = planHoldAction(STATUSES[this.status[holdId]!]!, action, now);
    if (plan.kind !== 'move') return false;
    this.move(holdId, plan.move);
    return true;
  }

  /** Expiry at read: every active hold with a line at the level whose time ran out ends. */
  private expireAt(level: number, now: Date): void {
    if (now.getTime() < this.nextExpiryMs[level]!) return;
    for (const holdId of [...this.holdsAt[level]!]) this.expireIfDue(holdId, now);
    let next = Infinity;
    for (const holdId of this.holdsAt[level]!) next = Math.min(next, this.expiresAtMs[holdId]!);
    this.nextExpiryMs[level] = next;
  }

  private expireIfDue(holdId: number, now: Date): void {
    // Not active, or due later by the same closed boundary: `statusAt` would say the same.
    if (this.status[holdId] !== ACTIVE || this.expiresAtMs[holdId]! > now.getTime()) return;
    const status = STATUSES[this.status[holdId]!]!;
    const expiresAt = new Date(this.expiresAtMs[holdId]!).toISOString();
    if (statusAt({ status, expiresAt }, now) === status) return;
    this.move(holdId, expiryTransition('active'));
    this.expired += 1;
  }

  private move(holdId: number, move: HoldTransition): void {
    if (returnsHeldUnits(move)) this.unclaim(holdId);
    this.status[holdId] = STATUSES.indexOf(move.to);
    // The map holds each cart's active hold: the one a new hold for the cart replaces.
    if (move.to !== 'active') this.activeByCart.delete(this.carts[holdId]!);
  }

  private claim(holdId: number, lines: Line[]): void {
    this.lines[holdId] = lines;
    for (const line of lines) {
      this.held[line.level]! += line.quantity;
      this.holdsAt[line.level]!.push(holdId);
      const expiresAt = this.expiresAtMs[holdId]!;
      if (expiresAt < this.nextExpiryMs[line.level]!) this.nextExpiryMs[line.level] = expiresAt;
    }
  }

  private unclaim(holdId: number): void {
    for (const line of this.lines[holdId] ?? []) {
      this.held[line.level]! -= line.quantity;
      const at = this.holdsAt[line.level]!;
      at.splice(at.indexOf(holdId), 1);
    }
  }

  private newHold(cartId: string): number {
    const holdId = this.carts.length;
    if (holdId === this.status.length) {
      this.status = grow(this.status, new Uint8Array(holdId * 2));
      this.expiresAtMs = grow(this.expiresAtMs, new Float64Array(holdId * 2));
    }
    this.carts.push(cartId);
    this.status[holdId] = ACTIVE;
    this.activeByCart.set(cartId, holdId);
    return holdId;
  }

  private lineOf(level: number, units: number): Line {
    const ids = this.levelIds[level]!;
    return { itemId: ids.sku, locationHandle: ids.store, quantity: units, level };
  }
}

function grow<T extends Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
