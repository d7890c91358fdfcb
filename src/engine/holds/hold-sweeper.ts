import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { Storage } from '../../storage/storage.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import { holdsDb } from './holds-database.js';
import { refreshLevels } from './refresh-levels.js';
import { releaseExpiredHolds } from './release-expired-holds.js';
import { StaleLevelRefresher } from './stale-level-refresher.js';
import { inWriteTransaction } from './write-transaction.js';

export interface HoldSweeperOptions {
  storage: Storage;
  clock: Clock;
  logger: Logger;
  modes: ChannelModes;
  /** Holds released per transaction. */
  batchSize?: number;
  /** Called when a round released holds (their pushes are queued: wake the outbox). */
  onDecisions?: () => void;
}

/**
 * Releases every hold whose time ran out, durably: in trueshelf (its units leave `held`, the
 * levels get fresh decisions) and, through the outbox those decisions feed, in Shopify
 * (`reserved` back to `available`). Reads already ignore expired holds; this makes it stick
 * for levels nobody reads. A checkout hold whose grace period passed without an order ends.
 *
 * `runOnce` fits `WorkLoop`: it returns how many holds it released, so the loop runs again at
 * once while there is a backlog and otherwise sleeps its interval (`holds.sweepIntervalMs`).
 */
export class HoldSweeper {
  constructor(private readonly options: HoldSweeperOptions) {}

  async runOnce(): Promise<number> {
    const { storage, clock, modes, logger } = this.options;

    // Levels a claim marked stale whose decision never came (the process died after COMMIT).
    await StaleLevelRefresher.of(storage, modes, clock).settleAll();

    const now = clock().toISOString();
    if (!(await this.anyDue(now))) return 0;

    const released = await inWriteTransaction(storage, async (trx) => {
      const swept = await releaseExpiredHolds(
        holdsDb(trx),
        { limit: this.options.batchSize ?? 100 },
        now,
      );
      await refreshLevels(trx, swept.levels, modes, now);
      return { commit: true, value: swept.released };
    });

    if (released > 0) {
      logger.info({ released, at: now }, 'expired holds released');
      this.options.onDecisions?.();
    }
    return released;
  }

  /** A plain read first, so an idle round never takes the write lock (each an index range). */
  private async anyDue(now: string): Promise<boolean> {
    const db = holdsDb(this.options.storage.db);
    const active = await db
      .selectFrom('holds')
      .select('id')
      .where('status', '=', 'active')
      .where('expires_at', '<=', now)
      .limit(1)
      .executeTakeFirst();
    if (active) return true;
    const checkout = await db
      .selectFrom('holds')
      .select('id')
      .where('status', '=', 'checkout')
      .where('grace_until', '<=', now)
      .limit(1)
      .executeTakeFirst();
    return checkout !== undefined;
  }
}
