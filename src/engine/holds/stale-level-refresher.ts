import { levelKey } from '../../domain/holds/hold-demand.js';
import type { Clock } from '../../shared/clock.js';
import { dialectOf, inLevelKeys } from '../../storage/level-keys.js';
import type { Storage } from '../../storage/storage.js';
import { refreshDecisions } from '../decision/refresh-decision.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import type { LevelRef } from './held-units.js';
import { holdsDb } from './holds-database.js';
import type { HoldsDb } from './holds-database.js';
import { lockLevels } from './lock-levels.js';
import { inWriteTransaction } from './write-transaction.js';

/** Levels decided in one transaction; a round with more runs several, one after another. */
const LEVELS_PER_TRANSACTION = 256;

/** The levels asked for since the running round began, and the callers waiting for them. */
interface Round {
  levels: Map<string, LevelRef>;
  done: Promise<void>;
  resolve: () => void;
  reject: (reason: unknown) => void;
}

const refreshers = new WeakMap<Storage, WeakMap<Clock, Map<string, StaleLevelRefresher>>>();

/**
 * Decides the levels a claim marked stale (`levels.decision_stale`), after the claim committed.
 * A hold's transaction then locks its level only from the claim to COMMIT, and the decisions
 * are made in rounds: every level asked for while one round runs is decided by the next, all
 * of them in one transaction with a fixed number of statements (`refreshDecisions`). On a hot
 * item one decision serves dozens of claims; spread over many items, one transaction serves
 * dozens of levels.
 *
 * `settle(levels)` answers once a round that began after the call has decided them, so a caller
 * whose claim has committed knows its levels' decisions and pushes are stored. The mark is
 * durable with the claim: the hold sweeper decides, each round, whatever a crash left marked
 * (`settleAll`).
 */
export class StaleLevelRefresher {
  private next: Round | null = null;
  private running = false;

  private constructor(
    private readonly storage: Storage,
    private readonly modes: ChannelModes,
    private readonly clock: Clock,
  ) {}

  /** The refresher for this storage, clock and channel modes, shared by every hold service. */
  static of(storage: Storage, modes: ChannelModes, clock: Clock): StaleLevelRefresher {
    let byClock = refreshers.get(storage);
    if (!byClock) {
      byClock = new WeakMap();
      refreshers.set(storage, byClock);
    }
    let byModes = byClock.get(clock);
    if (!byModes) {
      byModes = new Map();
      byClock.set(clock, byModes);
    }
    const key = JSON.stringify(modes);
    let refresher = byModes.get(key);
    if (!refresher) {
      refresher = new StaleLevelRefresher(storage, modes, clock);
      byModes.set(key, refresher);
    }
    return refresher;
  }

  settle(levels: readonly LevelRef[]): Promise<void> {
    if (levels.length === 0) return Promise.resolve();

    const round = (this.next ??= newRound());
    for (const level of levels) {
      const copy = { itemId: level.itemId, locationHandle: level.locationHandle };
      round.levels.set(levelKey(copy), copy);
    }
    if (!this.running) void this.runRounds();
    return round.done;
  }

  /** Decides every level marked stale now. */
  async settleAll(): Promise<void> {
    const stale = await holdsDb(this.storage.db)
      .selectFrom('levels')
      .select(['item_id as itemId', 'location_handle as locationHandle'])
      .where('decision_stale', '=', 1)
      .execute();
    await this.settle(stale);
  }

  private async runRounds(): Promise<void> {
    this.running = true;
    try {
      // Callers of this same turn join the round before it starts: none of them is missed.
      await Promise.resolve();
      for (let round = this.next; round; round = this.next) {
        this.next = null;
        try {
          await this.decide([...round.levels.values()]);
          round.resolve();
        } catch (thrown) {
          round.reject(thrown);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async decide(levels: readonly LevelRef[]): Promise<void> {
    for (let start = 0; start < levels.length; start += LEVELS_PER_TRANSACTION) {
      await this.decideTogether(levels.slice(start, start + LEVELS_PER_TRANSACTION));
    }
  }

  /**
   * Clears the levels' marks and decides the ones it cleared, in one transaction: on PostgreSQL
   * the clearing UPDATE takes the rows' locks first, so a claim committing meanwhile either came
   * before (and is decided here) or waits and marks its level again. Another instance that
   * decided a level first has cleared its mark, with this instance's claim counted: that level
   * is left alone.
   */
  private async decideTogether(levels: readonly LevelRef[]): Promise<void> {
    await inWriteTransaction(
      this.storage,
      async (trx) => {
        const cleared = await clearMarks(holdsDb(trx), levels);
        if (cleared.length === 0) return { commit: false, value: undefined };

        const now = this.clock().toISOString();
        const requests = cleared.map((level) => ({ ...level, holdsChanged: true }));
        await refreshDecisions(trx, requests, this.modes, null, now);
        return { commit: true, value: undefined };
      },
      { background: true },
    );
  }
}

function newRound(): Round {
  let resolve!: () => void;
  let reject!: (reason: unknown) => void;
  const done = new Promise<void>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { levels: new Map(), done, resolve, reject };
}

/**
 * Clears the marks of those of the levels still marked, and answers which. On PostgreSQL the
 * rows are locked first in lock order (`lockLevels`, as every claim takes them), so a round and
 * a hold claiming two of its levels never wait on each other in a circle; the UPDATE alone
 * would lock them in the order it finds them.
 */
async function clearMarks(db: HoldsDb, levels: readonly LevelRef[]): Promise<LevelRef[]> {
  await lockLevels(db, levels);

  const rows = await db
    .updateTable('levels')
    .set({ decision_stale: 0 })
    .where('decision_stale', '=', 1)
    .where(inLevelKeys(dialectOf(db), levels, { item: 'item_id', location: 'location_handle' }))
    .returning(['item_id', 'location_handle'])
    .execute();
  return rows.map((row) => ({ itemId: row.item_id, locationHandle: row.location_handle }));
}
