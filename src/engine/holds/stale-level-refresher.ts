import { compareLevels, levelKey } from '../../domain/holds/hold-demand.js';
import type { Clock } from '../../shared/clock.js';
import type { Storage } from '../../storage/storage.js';
import { refreshDecision } from '../decision/refresh-decision.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import type { LevelRef } from './held-units.js';
import { holdsDb } from './holds-database.js';
import { inWriteTransaction } from './write-transaction.js';

/** Stale levels the hold sweeper decides at once, each on its own connection (PostgreSQL). */
const SWEEP_CONCURRENCY = 8;

/** One level's decisions: the one being made, and the one that follows it, shared. */
interface LevelWaves {
  current: Promise<void> | null;
  next: Promise<void> | null;
}

const refreshers = new WeakMap<Storage, WeakMap<Clock, Map<string, StaleLevelRefresher>>>();

/**
 * Decides the levels a claim marked stale (`levels.decision_stale`), after the claim committed.
 * A hold's transaction then locks its level only from the claim to COMMIT, and one decision
 * serves every claim at a level that came while the level's previous decision was being made:
 * on a hot item, dozens. Different levels are decided side by side, each in its own
 * transaction, so holds spread over many items are not queued behind one another.
 *
 * `settle(levels)` answers once, for each level, a decision that began after the call has been
 * made, so a caller whose claim has committed knows its levels' decisions and pushes are stored.
 * The mark is durable with the claim: the hold sweeper decides, each round, whatever a crash
 * left marked (`settleAll`).
 */
export class StaleLevelRefresher {
  private readonly waves = new Map<string, LevelWaves>();

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

  async settle(levels: readonly LevelRef[]): Promise<void> {
    await Promise.all(levels.map((level) => this.settleLevel(level)));
  }

  /** Decides every level marked stale now. */
  async settleAll(): Promise<void> {
    const stale = await holdsDb(this.storage.db)
      .selectFrom('levels')
      .select(['item_id as itemId', 'location_handle as locationHandle'])
      .where('decision_stale', '=', 1)
      .execute();

    stale.sort(compareLevels);
    for (let start = 0; start < stale.length; start += SWEEP_CONCURRENCY) {
      await this.settle(stale.slice(start, start + SWEEP_CONCURRENCY));
    }
  }

  private settleLevel(level: LevelRef): Promise<void> {
    const key = levelKey(level);
    let waves = this.waves.get(key);
    if (!waves) {
      waves = { current: null, next: null };
      this.waves.set(key, waves);
    }
    waves.next ??= this.afterCurrent(key, waves, level);
    return waves.next;
  }

  private async afterCurrent(key: string, waves: LevelWaves, level: LevelRef): Promise<void> {
    // Callers of this same turn join before the decision starts: none of them is missed.
    await Promise.resolve();
    if (waves.current) await waves.current.catch(() => undefined);

    waves.next = null;
    const decision = this.decide(level);
    waves.current = decision;
    try {
      await decision;
    } finally {
      if (waves.current === decision) waves.current = null;
      if (waves.current === null && waves.next === null) this.waves.delete(key);
    }
  }

  /**
   * Clears the level's mark and decides it, in one transaction: on PostgreSQL the clearing
   * UPDATE takes the row lock first, so a claim committing meanwhile either came before (and is
   * decided here) or waits and marks the level again. Another instance that decided the level
   * first has cleared the mark, with this instance's claim counted: nothing is left to do.
   */
  private async decide(level: LevelRef): Promise<void> {
    await inWriteTransaction(this.storage, async (trx) => {
      const cleared = await holdsDb(trx)
        .updateTable('levels')
        .set({ decision_stale: 0 })
        .where('item_id', '=', level.itemId)
        .where('location_handle', '=', level.locationHandle)
        .where('decision_stale', '=', 1)
        .executeTakeFirst();
      if (Number(cleared.numUpdatedRows) !== 1) return { commit: false, value: undefined };

      const now = this.clock().toISOString();
      await refreshDecision(trx, level, this.modes, null, now, { holdsChanged: true });
      return { commit: true, value: undefined };
    });
  }
}
