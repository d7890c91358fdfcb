import type { LossObservation } from '../domain/buffers/index.js';
import type { ChainState } from './chain-state.js';
import type { RunTally } from './run-tally.js';

/**
 * Cycle counts: each level is counted once every `everyDays`, staggered so a store counts the
 * same share of its levels each morning. A count sets the record to what is at the selling
 * location (open shelf plus set aside; misplaced units are not found). The ghost units each
 * count finds feed the risk buffers as the store's observed losses, over the last full cycle.
 */
export class CycleCounter {
  private readonly ring: Float64Array;

  constructor(
    private readonly state: ChainState,
    private readonly levelStore: Int32Array,
    private readonly storeCount: number,
    private readonly everyDays: number,
  ) {
    // Per day of the cycle and store: counted levels, Σ ghost units, Σ ghost units².
    this.ring = new Float64Array(everyDays * storeCount * 3);
  }

  count(day: number, tally: RunTally, corrected: (level: number) => void): void {
    const { onHand, shelf, aside } = this.state;
    const base = (day % this.everyDays) * this.storeCount * 3;
    this.ring.fill(0, base, base + this.storeCount * 3);

    for (
      let level = (this.everyDays - (day % this.everyDays)) % this.everyDays;
      level < onHand.length;
      level += this.everyDays
    ) {
      const counted = shelf[level]! + aside[level]!;
      const ghost = Math.max(0, onHand[level]! - counted);
      const at = base + this.levelStore[level]! * 3;
      this.ring[at] = this.ring[at]! + 1;
      this.ring[at + 1] = this.ring[at + 1]! + ghost;
      this.ring[at + 2] = this.ring[at + 2]! + ghost * ghost;
      tally.countsTaken += 1;

      const correction = counted - onHand[level]!;
      if (correction === 0) continue;
      onHand[level] = counted;
      tally.countCorrections += correction;
      corrected(level);
    }
  }

  /** Mean and variance of ghost units per counted level, per store, over the last cycle. */
  observedLoss(): (LossObservation | null)[] {
    const observed: (LossObservation | null)[] = [];
    for (let store = 0; store < this.storeCount; store += 1) {
      let n = 0;
      let sum = 0;
      let squares = 0;
      for (let day = 0; day < this.everyDays; day += 1) {
        const at = (day * this.storeCount + store) * 3;
        n += this.ring[at]!;
        sum += this.ring[at + 1]!;
        squares += this.ring[at + 2]!;
      }
      if (n < 2) {
        observed.push(null);
        continue;
      }
      const mean = sum / n;
      const variance = Math.max(0, (squares - n * mean * mean) / (n - 1));
      observed.push({ ghostUnitsMean: mean, ghostUnitsVariance: variance });
    }
    return observed;
  }
}

/**
 * The wall-to-wall count every policy gets (`fullCountEveryDays`): every record set to what is
 * at the selling location, as the yearly physical inventory for the books does.
 */
export function takeFullCount(
  state: ChainState,
  tally: RunTally,
  corrected: (level: number) => void,
): void {
  const { onHand, shelf, aside } = state;
  for (let level = 0; level < onHand.length; level += 1) {
    const correction = shelf[level]! + aside[level]! - onHand[level]!;
    tally.countsTaken += 1;
    if (correction === 0) continue;
    onHand[level] = onHand[level]! + correction;
    tally.countCorrections += correction;
    corrected(level);
  }
}
