import { decideSellable } from '../domain/decision/decide-sellable.js';
import type { Clock } from '../shared/clock.js';
import type { HoldBook, HoldPlacement, HoldRequest } from './hold-book.js';

/**
 * Holds in typed arrays, for one simulated chain. Placement asks the product's own decision
 * whether the units are still sellable with every live hold subtracted, so a unit already held
 * cannot be held again. Ended holds' slots are reused, so a long run stays small.
 */
export class InMemoryHoldBook implements HoldBook {
  private readonly held: Int32Array;
  private holdLevel = new Int32Array(256);
  private holdUnits = new Int32Array(256);
  private holdExpiresAt = new Float64Array(256);
  private live = new Uint8Array(256);
  private freeIds: number[] = [];
  private nextId = 0;
  private liveCount = 0;

  constructor(
    levelCount: number,
    private readonly clock: Clock,
  ) {
    this.held = new Int32Array(levelCount);
  }

  place(request: HoldRequest): HoldPlacement {
    const decision = decideSellable({
      available: request.gross,
      placedSafetyStock: 0,
      placedReserved: 0,
      buffer: request.buffer,
      liveHolds: this.held[request.level]!,
      managed: true,
    });
    if (decision.sellable < request.units) {
      return { ok: false, reason: 'insufficient_stock', sellable: decision.sellable };
    }

    const id = this.freeIds.pop() ?? this.newId();
    this.holdLevel[id] = request.level;
    this.holdUnits[id] = request.units;
    this.holdExpiresAt[id] = this.clock().getTime() + request.ttlSeconds * 1000;
    this.live[id] = 1;
    this.liveCount += 1;
    this.held[request.level]! += request.units;
    return { ok: true, holdId: id };
  }

  convert(holdId: number): boolean {
    return this.end(holdId);
  }

  release(holdId: number): boolean {
    return this.end(holdId);
  }

  expireDue(): number[] {
    if (this.liveCount === 0) return [];
    const now = this.clock().getTime();
    const expired: number[] = [];
    for (let id = 0; id < this.nextId; id += 1) {
      if (this.live[id] === 1 && this.holdExpiresAt[id]! <= now) {
        this.end(id);
        expired.push(id);
      }
    }
    return expired;
  }

  heldUnits(level: number): number {
    return this.held[level] ?? 0;
  }

  private end(holdId: number): boolean {
    if (this.live[holdId] !== 1) return false;
    this.live[holdId] = 0;
    this.liveCount -= 1;
    this.held[this.holdLevel[holdId]!]! -= this.holdUnits[holdId]!;
    this.freeIds.push(holdId);
    return true;
  }

  private newId(): number {
    if (this.nextId === this.live.length) {
      const capacity = this.live.length * 2;
      this.holdLevel = grow(this.holdLevel, new Int32Array(capacity));
      this.holdUnits = grow(this.holdUnits, new Int32Array(capacity));
      this.holdExpiresAt = grow(this.holdExpiresAt, new Float64Array(capacity));
      this.live = grow(this.live, new Uint8Array(capacity));
    }
    return this.nextId++;
  }
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
