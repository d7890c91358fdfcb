/** Running counts for one policy's run; plain fields so the event loop adds without lookups. */
export class RunTally {
  promisesMade = 0;
  promisesKept = 0;
  promisesBroken = 0;
  onlineOrders = 0;
  refused = 0;
  refusedWhileOnShelf = 0;
  refusedAtHold = 0;
  walkInDemand = 0;
  walkInSold = 0;
  walkInLost = 0;
  walkInLostWhileRecordShowedStock = 0;
  soldAtTill = 0;
  soldAtPickup = 0;
  shrunk = 0;
  misplaced = 0;
  received = 0;
  receivedAsRecorded = 0;
  soldAsRecorded = 0;
  countCorrections = 0;
  countsTaken = 0;
  holdsExpired = 0;
  decisions = 0;
  events = 0;

  // Today's figures, reset each day.
  dayMade = 0;
  dayBroken = 0;
  dayRefusedWhileOnShelf = 0;

  /** Broken promises by `BrokenCause`: stale view, ghost units, taken before the pick. */
  readonly brokenBy = new Float64Array(3);
  readonly storeMade: Float64Array;
  readonly storeBroken: Float64Array;

  constructor(storeCount: number) {
    this.storeMade = new Float64Array(storeCount);
    this.storeBroken = new Float64Array(storeCount);
  }
}
