import type { BufferRules } from '../domain/buffers/index.js';
import type { ProductAnswers } from './buffer-keeper.js';
import { BufferKeeper } from './buffer-keeper.js';
import { ChainState } from './chain-state.js';
import { CycleCounter } from './cycle-counter.js';
import type { HoldBookFactory } from './hold-book.js';
import type { SalesMatrix } from './load-sales-matrix.js';
import { measureAccuracy } from './measure-accuracy.js';
import { DAY_MS, EVEN_COUNTERS, planDay } from './plan-day.js';
import { PolicyRun } from './policy-run.js';
import { POLICY_DESCRIPTIONS, POLICY_TRAITS } from './policy-traits.js';
import { Replenisher } from './replenisher.js';
import { RuleHoldBook } from './rule-hold-book.js';
import { ServiceHoldBook } from './service-hold-book.js';
import type { RunTally } from './run-tally.js';
import { SeededRandom } from './seeded-random.js';
import type { PolicyName, SimulationProgress, SimulationSettings } from './simulation-options.js';
import type { DailySeries, PolicyOutcome } from './simulation-result.js';

export interface PolicyRunInput {
  policy: PolicyName;
  matrix: SalesMatrix;
  settings: SimulationSettings;
  startingStock: Int32Array;
  rules: BufferRules;
  answers: ProductAnswers;
  holdBook?: HoldBookFactory;
  progress?: (progress: Omit<SimulationProgress, 'policyIndex' | 'policyCount'>) => void;
}

/** Runs one policy over every day of the matrix and sums up what happened. */
export function runPolicy(input: PolicyRunInput): PolicyOutcome {
  const { policy, matrix, settings } = input;
  const traits = POLICY_TRAITS[policy];
  const runStartMs = Date.parse(`${matrix.days[0]}T00:00:00Z`);
  const state = new ChainState(matrix, input.startingStock);
  const random = new SeededRandom(settings.seed);
  const even =
    settings.arrivals === 'even' ? new Int32Array(matrix.levelCount * EVEN_COUNTERS) : null;
  let run: PolicyRun | null = null;
  const clock = () => new Date(runStartMs + (run?.now ?? 0));
  const makeHolds: HoldBookFactory =
    input.holdBook ??
    (settings.holds === 'product'
      ? (context) => new ServiceHoldBook(context, settings.holdTtlSeconds)
      : (context) => new RuleHoldBook(context));
  const counter = traits.counts
    ? new CycleCounter(state, matrix.levelStore, matrix.stores.length, settings.cycleCountEveryDays)
    : null;
  const buffers = traits.buffers
    ? new BufferKeeper(matrix, input.rules, settings.velocity, new Date(runStartMs), input.answers)
    : null;
  const holds = traits.holds
    ? makeHolds({ matrix, clock, basis: (level) => run!.claimBasis(level) })
    : null;
  // A book may hold a worker thread and a database: it is closed however the run ends.
  try {
    run = new PolicyRun({
      matrix,
      settings,
      traits,
      state,
      replenisher: new Replenisher(matrix, state, settings, random, even),
      holds,
      buffers,
      counter,
      runStartMs,
    });

    const startingStock = sum(state.onHand);
    const daily: DailySeries = {
      ghostUnits: [],
      driftPercent: [],
      wrongShare: [],
      promisesMade: [],
      promisesBroken: [],
      refusedWhileOnShelf: [],
    };
    const noLoss = matrix.stores.map(() => null);
    let bufferUnitDays = 0;
    let maxBuffer = 0;
    const dayCount = matrix.days.length;

    for (let day = 0; day < dayCount; day += 1) {
      const dayStart = day * DAY_MS;
      run.runUntil(dayStart + settings.openingHours.opensAtHour * 3_600_000 - 3_600_000);
      run.beforeOpening(day, counter ? counter.observedLoss() : noLoss);
      planDay(run.queue, matrix, settings, random, even, day);
      run.runUntil(dayStart + DAY_MS);
      run.closeDay(day);

      const accuracy = measureAccuracy(state);
      daily.ghostUnits.push(accuracy.ghostUnits);
      daily.driftPercent.push(round(accuracy.driftPercent, 4));
      daily.wrongShare.push(round(accuracy.wrongShare, 6)!);
      daily.promisesMade.push(run.tally.dayMade);
      daily.promisesBroken.push(run.tally.dayBroken);
      daily.refusedWhileOnShelf.push(run.tally.dayRefusedWhileOnShelf);
      run.tally.dayMade = 0;
      run.tally.dayBroken = 0;
      run.tally.dayRefusedWhileOnShelf = 0;
      if (buffers) {
        const units = sum(buffers.buffer);
        bufferUnitDays += units;
        for (const b of buffers.buffer) if (b > maxBuffer) maxBuffer = b;
      }
      input.progress?.({ policy, day: day + 1, dayCount, eventsSimulated: run.tally.events });
    }

    const wrongByStore = new Float64Array(matrix.stores.length);
    const endOfRun = measureAccuracy(state, matrix.levelStore, wrongByStore);
    return summarise({
      policy,
      tally: run.tally,
      movements: run.ledger.shapes,
      state,
      matrix,
      startingStock,
      endOfRun,
      wrongByStore,
      daily,
      buffers: {
        meanUnits: buffers ? round(bufferUnitDays / (dayCount * matrix.levelCount), 4)! : 0,
        maxUnits: maxBuffer,
      },
      keeper: buffers,
    });
  } finally {
    holds?.close();
  }
}

interface RunTotals {
  policy: PolicyName;
  tally: RunTally;
  movements: Record<string, number>;
  state: ChainState;
  matrix: SalesMatrix;
  startingStock: number;
  endOfRun: PolicyOutcome['endOfRun'];
  wrongByStore: Float64Array;
  daily: DailySeries;
  buffers: PolicyOutcome['buffers'];
  keeper: BufferKeeper | null;
}

function summarise(totals: RunTotals): PolicyOutcome {
  const { policy, tally, movements, state, matrix, startingStock, endOfRun } = totals;
  const { wrongByStore, daily, buffers, keeper } = totals;
  const onShelfAtEnd = sum(state.shelf) + sum(state.aside);
  const sold = tally.soldAtTill + tally.soldAtPickup;
  const onHandAtEnd = sum(state.onHand);
  const storesLevels = new Float64Array(matrix.stores.length);
  for (const store of matrix.levelStore) storesLevels[store]! += 1;

  return {
    policy,
    description: POLICY_DESCRIPTIONS[policy],
    promises: {
      made: tally.promisesMade,
      kept: tally.promisesKept,
      broken: tally.promisesBroken,
      openAtEnd: tally.promisesMade - tally.promisesKept - tally.promisesBroken,
      brokenRate: ratio(tally.promisesBroken, tally.promisesMade),
      brokenBy: {
        staleView: tally.brokenBy[0]!,
        ghostUnits: tally.brokenBy[1]!,
        takenBeforePick: tally.brokenBy[2]!,
      },
    },
    online: {
      orders: tally.onlineOrders,
      refused: tally.refused,
      refusedWhileOnShelf: tally.refusedWhileOnShelf,
      refusedAtHold: tally.refusedAtHold,
    },
    walkIns: {
      demand: tally.walkInDemand,
      sold: tally.walkInSold,
      lostAtEmptyShelf: tally.walkInLost,
      lostWhileRecordShowedStock: tally.walkInLostWhileRecordShowedStock,
    },
    units: {
      startingStock,
      received: tally.received,
      soldAtTill: tally.soldAtTill,
      soldAtPickup: tally.soldAtPickup,
      shrunk: tally.shrunk,
      misplaced: tally.misplaced,
      onShelfAtEnd,
      conserved:
        sold + tally.shrunk + tally.misplaced + onShelfAtEnd === startingStock + tally.received,
    },
    record: {
      startingStock,
      receivedAsRecorded: tally.receivedAsRecorded,
      soldAsRecorded: tally.soldAsRecorded,
      countCorrections: tally.countCorrections,
      onHandAtEnd,
      consistent:
        onHandAtEnd ===
        startingStock + tally.receivedAsRecorded - tally.soldAsRecorded + tally.countCorrections,
    },
    endOfRun: {
      ...endOfRun,
      wrongShare: round(endOfRun.wrongShare, 6)!,
      driftPercent: round(endOfRun.driftPercent, 4),
    },
    buffers,
    countsTaken: tally.countsTaken,
    movements,
    holdsExpired: tally.holdsExpired,
    daily,
    byStore: matrix.stores.map((store, index) => ({
      store,
      promisesMade: tally.storeMade[index]!,
      promisesBroken: tally.storeBroken[index]!,
      brokenRate: ratio(tally.storeBroken[index]!, tally.storeMade[index]!),
      wrongShareAtEnd: round(wrongByStore[index]! / storesLevels[index]!, 6)!,
    })),
    eventsSimulated: tally.events,
    productCalls: {
      decideSellable: tally.decisions,
      computeVelocity: keeper?.velocityCalls ?? 0,
      computeBuffer: keeper?.bufferCalls ?? 0,
    },
  };
}

function sum(values: Int32Array): number {
  let total = 0;
  for (let at = 0; at < values.length; at += 1) total += values[at]!;
  return total;
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole, 6);
}

function round(value: number | null, digits: number): number | null {
  if (value === null) return null;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
