import { quantityNames } from '../quantities/level-quantities.js';
import type { LevelQuantities, QuantityName } from '../quantities/level-quantities.js';

export interface StateChange {
  state: QuantityName;
  delta: number;
  after: number;
}

/** The difference between two reads of one level, one entry per state that changed. */
export function diffQuantities(before: LevelQuantities, after: LevelQuantities): StateChange[] {
  const changes: StateChange[] = [];
  for (const state of quantityNames) {
    const delta = after[state] - before[state];
    if (delta !== 0) changes.push({ state, delta, after: after[state] });
  }
  return changes;
}
