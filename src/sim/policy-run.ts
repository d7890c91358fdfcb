import type { LossObservation } from '../domain/buffers/index.js';
import { decideSellable } from '../domain/decision/decide-sellable.js';
import type { BufferKeeper } from './buffer-keeper.js';
import type { ChainState } from './chain-state.js';
import type { CycleCounter } from './cycle-counter.js';
import { takeFullCount } from './cycle-counter.js';
import { EventKind, EventQueue } from './event-queue.js';
import type { HoldBook } from './hold-book.js';
import { LedgerTally } from './ledger-tally.js';
import type { SalesMatrix } from './load-sales-matrix.js';
import { BrokenCause, OrderBook } from './order-book.js';
import { DAY_MS, HOUR_MS } from './plan-day.js';
import type { PolicyTraits } from './policy-traits.js';
import type { Replenisher } from './replenisher.js';
import { RunTally } from './run-tally.js';
import type { SimulationSettings } from './simulation-options.js';

export interface PolicyRunParts {
  matrix: SalesMatrix;
  settings: SimulationSettings;
  traits: PolicyTraits;
  state: ChainState;
  replenisher: Replenisher;
  holds: HoldBook | null;
  buffers: BufferKeeper | null;
  counter: CycleCounter | null;
  runStartMs: number;
}

/**
 * One policy's chain in simulated time. Events come off the queue in time order; each one
 * changes the shelf, the record or both, and a change to the record reaches the web the way
 * the policy says: at the next ERP push, or a webhook delay later through a coalesced re-read
 * (several changes inside the delay make one re-read, as the product's mirror does).
 */
export class PolicyRun {
  readonly queue = new EventQueue(1 << 16);
  readonly tally: RunTally;
  /** Simulated ms since the run's first midnight. */
  now = 0;
  day = 0;

  private readonly refreshPending: Uint8Array;
  private readonly dirty: Uint8Array;
  private readonly dirtyLevels: Int32Array;
  private dirtyCount = 0;
  private readonly stockOutSince: Float64Array;
  private readonly stockOutMs: Float64Array;
  /** The buffer each level's last decision used: the one the product's claim reads. */
  private readonly decidedBuffer: Int32Array;
  private readonly orders = new OrderBook();
  readonly ledger: LedgerTally;
  private readonly opensMs: number;
  private readonly closesMs: number;

  constructor(private readonly parts: PolicyRunParts) {
    const n = parts.matrix.levelCount;
    this.tally = new RunTally(parts.matrix.stores.length);
    this.ledger = new LedgerTally(parts.state.onHand);
    this.refreshPending = new Uint8Array(n);
    this.dirty = new Uint8Array(n);
    this.dirtyLevels = new Int32Array(n);
    this.stockOutSince = new Float64Array(n).fill(-1);
    this.stockOutMs = new Float64Array(n);
    this.decidedBuffer = new Int32Array(n);
    this.opensMs = parts.settings.openingHours.opensAtHour * HOUR_MS;
    this.closesMs = parts.settings.openingHours.closesAtHour * HOUR_MS;
    for (let level = 0; level < n; level += 1) {
      this.decide(level);
      this.noteStock(level);
    }
    if (parts.traits.sync === 'erp') this.queue.schedule(0, EventKind.erpPush, 0);
  }

  /** Takes events off the queue until `limit` (exclusive). */
  runUntil(limit: number): void {
    const queue = this.queue;
    while (queue.peekTime() < limit) {
      queue.pop();
      this.now = queue.time;
      this.tally.events += 1;
      switch (queue.kind) {
        case EventKind.walkIn:
          this.walkIn(queue.level, queue.payload === 1);
          break;
        case EventKind.onlineOrder:
          this.onlineOrder(queue.level);
          break;
        case EventKind.pick:
          this.pick(queue.payload);
          break;
        case EventKind.pickup:
          this.pickup(queue.payload);
          break;
        case EventKind.shrink:
          this.loseSilently(queue.level, false);
          break;
        case EventKind.misplace:
          this.loseSilently(queue.level, true);
          break;
        case EventKind.refresh:
          this.refreshPending[queue.level] = 0;
          this.decide(queue.level);
          break;
        case EventKind.erpPush:
          this.erpPush();
          break;
      }
    }
  }

  /** The hour before opening: deliveries, counts, new buffers. */
  beforeOpening(day: number, lossByStore: readonly (LossObservation | null)[]): void {
    const { replenisher, counter, buffers, settings } = this.parts;
    this.day = day;
    this.now = day * DAY_MS + this.opensMs - HOUR_MS;
    const touch = (level: number) => this.touch(level);

    replenisher.review(day, (level) => this.held(level));
    replenisher.receive(day, this.tally, touch);
    const fullCountEvery = settings.fullCountEveryDays;
    if (fullCountEvery > 0 && day > 0 && day % fullCountEvery === 0) {
      takeFullCount(this.parts.state, this.tally, touch);
    } else {
      counter?.count(day, this.tally, touch);
    }
    if (buffers?.isRefreshDay(day)) {
      buffers.refresh(day, new Date(this.parts.runStartMs + this.now), lossByStore, touch);
    }
    // Only now: the refresh above still reads the day that today's slot last held.
    buffers?.startDay(day);
  }

  /** Midnight: closes the day's stock-out time into the velocity history and ends lapsed holds. */
  closeDay(day: number): void {
    this.now = (day + 1) * DAY_MS;
    const buffers = this.parts.buffers;
    if (buffers) {
      for (let level = 0; level < this.stockOutMs.length; level += 1) {
        const since = this.stockOutSince[level]!;
        let outMs = this.stockOutMs[level]!;
        if (since >= 0) {
          outMs += this.now - since;
          this.stockOutSince[level] = this.now;
        }
        // Stock-out time is kept to the quarter hour, as a nightly job reading hourly levels
        // would know it.
        const share = Math.min(1, Math.round((outMs / DAY_MS) * 96) / 96);
        if (share > 0) buffers.recordStockOut(level, day, share);
        this.stockOutMs[level] = 0;
      }
    }
    const holds = this.parts.holds;
    if (holds) {
      holds.expireDue();
      this.tally.holdsExpired = holds.expiredSoFar();
    }
  }

  /** What the product's claim reads at a level: the mirror's last read and decision. */
  claimBasis(level: number): { gross: number; buffer: number } {
    return { gross: this.ledger.grossAsRead(level), buffer: this.decidedBuffer[level]! };
  }

  private walkIn(level: number, miscan: boolean): void {
    const { state, matrix, buffers } = this.parts;
    const tally = this.tally;
    tally.walkInDemand += 1;
    if (state.shelf[level]! <= 0) {
      tally.walkInLost += 1;
      if (this.grossLessHolds(level) > 0) tally.walkInLostWhileRecordShowedStock += 1;
      return;
    }

    state.shelf[level] = state.shelf[level]! - 1;
    tally.walkInSold += 1;
    tally.soldAtTill += 1;
    // A scan error rings the sale up as a sibling: its record drops, this one's stays high.
    const rungUp = miscan ? matrix.levelSibling[level]! : level;
    state.onHand[rungUp] = state.onHand[rungUp]! - 1;
    tally.soldAsRecorded += 1;
    buffers?.recordSale(rungUp, this.day, 1);
    this.touch(rungUp);
  }

  private onlineOrder(level: number): void {
    const { state, traits, holds, settings, matrix } = this.parts;
    const tally = this.tally;
    tally.onlineOrders += 1;
    const freeOnShelf = this.freeOnShelf(level);
    if (state.view[level]! < 1) {
      this.refuse(freeOnShelf > 0);
      return;
    }

    // Why a promise made now could break: the record had nothing left (the web's view was
    // stale), or the record had it and the shelf did not (ghost units); else only a walk-in or
    // a thief between order and pick can break it.
    const cause =
      this.grossLessHolds(level) <= 0
        ? BrokenCause.staleView
        : freeOnShelf <= 0
          ? BrokenCause.ghostUnits
          : BrokenCause.takenBeforePick;
    // With holds, the hold (placed in `reserved` by trueshelf), not Shopify's commitment, keeps
    // the order's units from the web until the shopper collects, so the same units are not
    // subtracted twice; the pickup converts it. Without holds, Shopify commits them.
    // TODO(sim fidelity): the product converts a hold when the order carrying its cart arrives
    // (`convertOrderHolds`) and Shopify then commits the units; sellable is the same either way,
    // but the ledger would show a committed_by_order and a fulfilled movement the run leaves out.
    let holdId = -1;
    if (holds) {
      const placement = holds.place({
        cartId: `order-${tally.onlineOrders}`,
        lines: [{ level, units: 1 }],
        ttlSeconds: settings.holdTtlSeconds,
      });
      if (!placement.ok) {
        tally.refusedAtHold += 1;
        this.refuse(freeOnShelf > 0);
        return;
      }
      holdId = placement.holdId;
    } else {
      state.committed[level] = state.committed[level]! + 1;
    }

    tally.promisesMade += 1;
    tally.dayMade += 1;
    tally.storeMade[matrix.levelStore[level]!]! += 1;
    // Shopify takes its own order off what the web shows at once, under every policy.
    state.view[level] = state.view[level]! - 1;
    this.parts.buffers?.recordSale(level, this.day, 1);
    const pickupAt = this.intoOpeningHours(this.now + settings.pickupDelayHours * HOUR_MS);
    const order = this.orders.open(level, holdId, pickupAt, cause);
    this.touch(level);

    if (traits.holds) {
      // The hold puts the units in `reserved`, so the POS warns and the store sets them aside now.
      this.pick(order);
      return;
    }
    const pickAt = this.intoOpeningHours(this.now + settings.pickAfterHours * HOUR_MS);
    this.queue.schedule(Math.min(pickAt, pickupAt), EventKind.pick, level, order);
  }

  private refuse(onShelf: boolean): void {
    this.tally.refused += 1;
    if (!onShelf) return;
    this.tally.refusedWhileOnShelf += 1;
    this.tally.dayRefusedWhileOnShelf += 1;
  }

  /** The store goes to the shelf: a unit there is set aside for the order; none breaks it. */
  private pick(order: number): void {
    const { state, holds, matrix } = this.parts;
    const level = this.orders.level[order]!;
    if (state.shelf[level]! > 0) {
      state.shelf[level] = state.shelf[level]! - 1;
      state.aside[level] = state.aside[level]! + 1;
      this.queue.schedule(this.orders.pickupAt[order]!, EventKind.pickup, level, order);
      return;
    }

    const tally = this.tally;
    tally.promisesBroken += 1;
    tally.dayBroken += 1;
    tally.storeBroken[matrix.levelStore[level]!]! += 1;
    tally.brokenBy[this.orders.cause[order]!]! += 1;
    const holdId = this.orders.hold[order]!;
    if (holdId >= 0) holds!.release(holdId);
    else state.committed[level] = state.committed[level]! - 1;
    this.orders.close(order);
    this.touch(level);
  }

  private pickup(order: number): void {
    const { state, holds } = this.parts;
    const level = this.orders.level[order]!;
    state.aside[level] = state.aside[level]! - 1;
    state.onHand[level] = state.onHand[level]! - 1;
    this.tally.soldAtPickup += 1;
    this.tally.soldAsRecorded += 1;
    this.tally.promisesKept += 1;
    const holdId = this.orders.hold[order]!;
    if (holdId >= 0) holds!.convert(holdId);
    else state.committed[level] = state.committed[level]! - 1;
    this.orders.close(order);
    this.touch(level);
  }

  /** Theft or misplacement: the shelf loses a unit and the record never hears of it. */
  private loseSilently(level: number, misplaced: boolean): void {
    const { state } = this.parts;
    if (state.shelf[level]! <= 0) return;
    state.shelf[level] = state.shelf[level]! - 1;
    if (misplaced) {
      state.misplaced[level] = state.misplaced[level]! + 1;
      this.tally.misplaced += 1;
    } else {
      this.tally.shrunk += 1;
    }
  }

  private erpPush(): void {
    for (let at = 0; at < this.dirtyCount; at += 1) {
      const level = this.dirtyLevels[at]!;
      this.dirty[level] = 0;
      this.decide(level);
    }
    this.dirtyCount = 0;
    this.queue.schedule(
      this.now + this.parts.settings.erpPushEveryMinutes * 60_000,
      EventKind.erpPush,
      0,
    );
  }

  /** The record moved: note stock-outs, and let the web learn of it the policy's way. */
  private touch(level: number): void {
    this.noteStock(level);
    if (this.parts.traits.sync === 'erp') {
      if (this.dirty[level] === 1) return;
      this.dirty[level] = 1;
      this.dirtyLevels[this.dirtyCount++] = level;
      return;
    }
    if (this.refreshPending[level] === 1) return;
    this.refreshPending[level] = 1;
    const delayMs = this.parts.settings.webhookDelaySeconds * 1000;
    this.queue.schedule(this.now + delayMs, EventKind.refresh, level);
  }

  /** The product's one decision, from the record as re-read; the publisher places its targets. */
  private decide(level: number): void {
    const { state, traits, buffers } = this.parts;
    const onHand = state.onHand[level]!;
    const committed = state.committed[level]!;
    const placedSafetyStock = state.placedSafetyStock[level]!;
    const placedReserved = state.placedReserved[level]!;
    this.ledger.read(level, onHand, committed, placedReserved, placedSafetyStock);
    const buffer = traits.buffers && buffers ? buffers.buffer[level]! : 0;
    const decision = decideSellable({
      available: onHand - committed - placedSafetyStock - placedReserved,
      placedSafetyStock,
      placedReserved,
      buffer,
      liveHolds: this.held(level),
      managed: traits.managed,
    });
    this.tally.decisions += 1;
    this.decidedBuffer[level] = buffer;
    state.placedSafetyStock[level] = decision.targetSafetyStock;
    state.placedReserved[level] = decision.targetReserved;
    state.view[level] = decision.sellable;
    this.ledger.ownMove(
      level,
      onHand,
      committed,
      decision.targetReserved,
      decision.targetSafetyStock,
    );
  }

  private held(level: number): number {
    return this.parts.holds ? this.parts.holds.heldUnits(level) : 0;
  }

  /** Units on the open shelf not already promised to an order waiting to be picked. */
  private freeOnShelf(level: number): number {
    const { state } = this.parts;
    const waitingForPick = Math.max(0, state.committed[level]! - state.aside[level]!);
    return state.shelf[level]! - waitingForPick;
  }

  private grossLessHolds(level: number): number {
    const { state } = this.parts;
    return state.onHand[level]! - state.committed[level]! - this.held(level);
  }

  // Velocity leaves out time the record showed nothing sellable (DESIGN: velocity).
  private noteStock(level: number): void {
    if (!this.parts.buffers) return;
    const out = this.grossLessHolds(level) <= 0;
    const since = this.stockOutSince[level]!;
    if (out && since < 0) this.stockOutSince[level] = this.now;
    else if (!out && since >= 0) {
      this.stockOutMs[level] = this.stockOutMs[level]! + (this.now - since);
      this.stockOutSince[level] = -1;
    }
  }

  /** A moment moved into opening hours: past closing it carries over to the next opening. */
  private intoOpeningHours(at: number): number {
    const dayStart = Math.floor(at / DAY_MS) * DAY_MS;
    const timeOfDay = at - dayStart;
    if (timeOfDay < this.opensMs) return dayStart + this.opensMs;
    if (timeOfDay <= this.closesMs) return at;
    const carried = Math.min(timeOfDay - this.closesMs, this.closesMs - this.opensMs);
    return dayStart + DAY_MS + this.opensMs + carried;
  }
}
