import type { PolicyName, SimulationSettings } from './simulation-options.js';

/** Physical units: where every unit that was ever in a store went. */
export interface UnitFlow {
  startingStock: number;
  received: number;
  soldAtTill: number;
  soldAtPickup: number;
  shrunk: number;
  misplaced: number;
  /** On the open shelf and set aside for pickup, at the end. */
  onShelfAtEnd: number;
  /** sold + shrunk + misplaced + on shelf = starting stock + received. */
  conserved: boolean;
}

/** The record (trueshelf's mirror of Shopify's on hand) and every change that moved it. */
export interface RecordFlow {
  startingStock: number;
  receivedAsRecorded: number;
  soldAsRecorded: number;
  countCorrections: number;
  onHandAtEnd: number;
  /** on hand at end = start + received − sold + corrections, as recorded. */
  consistent: boolean;
}

export interface Promises {
  made: number;
  kept: number;
  broken: number;
  /** Made but not yet collected when the run ended. */
  openAtEnd: number;
  /** broken / made; null with no promise made. */
  brokenRate: number | null;
  /**
   * Why each broken promise broke, judged when it was made: the record already had nothing
   * left (the web's view was stale), the record had it but the shelf did not (ghost units), or
   * the shelf had it and a walk-in or a thief took it before the pick.
   */
  brokenBy: { staleView: number; ghostUnits: number; takenBeforePick: number };
}

export interface OnlineDemand {
  orders: number;
  refused: number;
  /** Refused while the open shelf had the unit: what buffers and stale views cost. */
  refusedWhileOnShelf: number;
  /** The web showed the unit but trueshelf's hold check refused it at checkout. */
  refusedAtHold: number;
}

export interface WalkIns {
  demand: number;
  sold: number;
  lostAtEmptyShelf: number;
  /** Lost at an empty shelf while the record still showed units: ghost units at work. */
  lostWhileRecordShowedStock: number;
}

/** Record accuracy at one moment: record on hand against what a count of the shelf finds. */
export interface Accuracy {
  records: number;
  wrongRecords: number;
  wrongShare: number;
  recordAboveShelf: number;
  recordBelowShelf: number;
  ghostUnits: number;
  /** Σ|record − shelf| / Σ record, as a percentage; null when the records sum to zero or less. */
  driftPercent: number | null;
}

/** One value per simulated day, index-aligned with `SimulationResult.days`. */
export interface DailySeries {
  ghostUnits: number[];
  driftPercent: (number | null)[];
  wrongShare: number[];
  promisesMade: number[];
  promisesBroken: number[];
  refusedWhileOnShelf: number[];
}

export interface StoreOutcome {
  store: string;
  promisesMade: number;
  promisesBroken: number;
  brokenRate: number | null;
  wrongShareAtEnd: number;
}

export interface PolicyOutcome {
  policy: PolicyName;
  description: string;
  promises: Promises;
  online: OnlineDemand;
  walkIns: WalkIns;
  units: UnitFlow;
  record: RecordFlow;
  endOfRun: Accuracy;
  /** Mean buffer units per level over the days, and the largest seen. */
  buffers: { meanUnits: number; maxUnits: number };
  countsTaken: number;
  /**
   * Movements the product's ledger would record from the re-reads, by the shape
   * `classifyChange` gives them (several changes inside one webhook delay make one movement).
   * Units lost silently appear in none of them.
   */
  movements: Record<string, number>;
  /** Holds that lapsed before pickup; a hold outlives its pickup, so this should stay 0. */
  holdsExpired: number;
  daily: DailySeries;
  byStore: StoreOutcome[];
  eventsSimulated: number;
  /** Calls into the product's velocity and buffer code (after sharing equal inputs). */
  productCalls: { decideSellable: number; computeVelocity: number; computeBuffer: number };
}

export interface SimulationResult {
  settings: SimulationSettings;
  input: {
    stores: string[];
    levels: number;
    firstDay: string;
    lastDay: string;
    dayCount: number;
    unitsInFile: number;
  };
  days: string[];
  policies: PolicyOutcome[];
  eventsSimulated: number;
}
