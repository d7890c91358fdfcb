import type { ChainState } from './chain-state.js';
import type { Accuracy } from './simulation-result.js';

/**
 * Record accuracy as a count would find it: record on hand against the units at the selling
 * location (open shelf and set aside). Misplaced units are elsewhere, so a count misses them.
 * `storeOf` with `wrongByStore` also tallies wrong records per store.
 */
export function measureAccuracy(
  state: ChainState,
  storeOf?: Int32Array,
  wrongByStore?: Float64Array,
): Accuracy {
  const { onHand, shelf, aside } = state;
  let wrong = 0;
  let above = 0;
  let below = 0;
  let ghostUnits = 0;
  let absolute = 0;
  let recorded = 0;
  for (let level = 0; level < onHand.length; level += 1) {
    const system = onHand[level]!;
    const counted = shelf[level]! + aside[level]!;
    recorded += system;
    if (system === counted) continue;
    wrong += 1;
    if (storeOf && wrongByStore) wrongByStore[storeOf[level]!]! += 1;
    if (system > counted) {
      above += 1;
      ghostUnits += system - counted;
      absolute += system - counted;
    } else {
      below += 1;
      absolute += counted - system;
    }
  }
  const records = onHand.length;
  return {
    records,
    wrongRecords: wrong,
    wrongShare: records === 0 ? 0 : wrong / records,
    recordAboveShelf: above,
    recordBelowShelf: below,
    ghostUnits,
    driftPercent: recorded > 0 ? (absolute / recorded) * 100 : null,
  };
}
