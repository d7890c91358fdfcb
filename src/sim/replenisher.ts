import type { ChainState } from './chain-state.js';
import type { SalesMatrix } from './load-sales-matrix.js';
import { orderUpToLevels } from './order-up-to-levels.js';
import { EvenCounter, Stream, takeByRate } from './plan-day.js';
import type { RunTally } from './run-tally.js';
import type { SeededRandom } from './seeded-random.js';
import type { SimulationSettings } from './simulation-options.js';

/**
 * Order-up-to replenishment from the record: every review period each level orders
 * S − (on hand − committed − held + on order), with S from `orderUpToLevels`, delivered before
 * opening `leadTimeDays` later. The record books what the paperwork says; the shelf gets what
 * was in the box, which is one unit off on a share of lines (`receivingErrorRate`), either way
 * with equal chance. Because orders follow the record, a record above the shelf orders too
 * little: ghost units starve the shelf they hide (Kang and Gershwin 2005).
 */
export class Replenisher {
  private readonly due = new Map<number, number[]>();
  private readonly orderUpTo: Int32Array;

  constructor(
    private readonly matrix: SalesMatrix,
    private readonly state: ChainState,
    private readonly settings: SimulationSettings,
    private readonly random: SeededRandom,
    private readonly even: Int32Array | null,
  ) {
    this.orderUpTo = new Int32Array(matrix.levelCount);
  }

  review(day: number, heldUnits: (level: number) => number): void {
    const { reviewPeriodDays, leadTimeDays } = this.settings.replenishment;
    if (day % reviewPeriodDays !== 0) return;

    const { onHand, committed, onOrder } = this.state;
    const orderUpTo = orderUpToLevels(
      this.matrix,
      this.settings.replenishment,
      day,
      this.orderUpTo,
    );
    const lines: number[] = this.due.get(day + leadTimeDays) ?? [];
    for (let level = 0; level < onHand.length; level += 1) {
      const position = onHand[level]! - committed[level]! - heldUnits(level) + onOrder[level]!;
      const quantity = orderUpTo[level]! - position;
      if (quantity <= 0) continue;
      onOrder[level] = onOrder[level]! + quantity;
      lines.push(level, quantity);
    }
    if (lines.length > 0) this.due.set(day + leadTimeDays, lines);
  }

  /** Books today's deliveries; `received` is told of each level whose record moved. */
  receive(day: number, tally: RunTally, received: (level: number) => void): void {
    const lines = this.due.get(day);
    if (!lines) return;
    this.due.delete(day);

    const { onHand, shelf, onOrder } = this.state;
    for (let at = 0; at < lines.length; at += 2) {
      const level = lines[at]!;
      const quantity = lines[at + 1]!;
      const arrived = Math.max(0, quantity + this.receivingError(level, day));
      onHand[level] = onHand[level]! + quantity;
      onOrder[level] = onOrder[level]! - quantity;
      shelf[level] = shelf[level]! + arrived;
      tally.receivedAsRecorded += quantity;
      tally.received += arrived;
      received(level);
    }
  }

  private receivingError(level: number, day: number): number {
    const rate = this.settings.receivingErrorRate;
    if (this.even !== null) {
      // Hand-worked runs: every chosen line is one unit short, which is easy to follow.
      return takeByRate(this.even, level, EvenCounter.receiving, rate) ? -1 : 0;
    }
    this.random.rekey(level, day, Stream.receiving);
    if (this.random.next() >= rate) return 0;
    return this.random.next() < 0.5 ? -1 : 1;
  }
}
