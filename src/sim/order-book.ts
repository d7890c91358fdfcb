/** What broke a promise, judged when it was made (indexes `RunTally.brokenBy`). */
export const BrokenCause = { staleView: 0, ghostUnits: 1, takenBeforePick: 2 } as const;

/** Open pickup orders, one unit each, in reusable typed-array slots. */
export class OrderBook {
  level = new Int32Array(1024);
  hold = new Int32Array(1024);
  pickupAt = new Float64Array(1024);
  cause = new Uint8Array(1024);
  private free: number[] = [];
  private used = 0;

  open(level: number, hold: number, pickupAt: number, cause: number): number {
    let order = this.free.pop();
    if (order === undefined) {
      if (this.used === this.level.length) this.grow();
      order = this.used++;
    }
    this.level[order] = level;
    this.hold[order] = hold;
    this.pickupAt[order] = pickupAt;
    this.cause[order] = cause;
    return order;
  }

  close(order: number): void {
    this.free.push(order);
  }

  private grow(): void {
    const capacity = this.level.length * 2;
    const level = new Int32Array(capacity);
    const hold = new Int32Array(capacity);
    const pickupAt = new Float64Array(capacity);
    const cause = new Uint8Array(capacity);
    cause.set(this.cause);
    level.set(this.level);
    hold.set(this.hold);
    pickupAt.set(this.pickupAt);
    this.level = level;
    this.hold = hold;
    this.pickupAt = pickupAt;
    this.cause = cause;
  }
}
