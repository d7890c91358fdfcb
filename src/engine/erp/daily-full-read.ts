import { NightlyRereadScheduler } from '../onboarding/nightly-reread.js';

/**
 * When the NetSuite poller's next round reads every row instead of the changed ones: the first
 * round at or after a fixed UTC time each day. An incremental read never sees a row NetSuite
 * deleted; the full read drops it. The first full read is the first time of day after the
 * instance started, so a restart does not read everything again.
 */
export class DailyFullRead {
  private nextAt: number;

  constructor(
    private readonly atUtc: { hour: number; minute: number },
    startedAt: Date,
  ) {
    this.nextAt = startedAt.getTime() + NightlyRereadScheduler.delayUntil(startedAt, atUtc);
  }

  static at(hhmm: string, startedAt: Date): DailyFullRead {
    const [hour = 3, minute = 30] = hhmm.split(':').map(Number);
    return new DailyFullRead({ hour, minute }, startedAt);
  }

  /** Whether the round starting at `now` reads in full; answering yes moves to the next day. */
  takeDue(now: Date): boolean {
    if (now.getTime() < this.nextAt) return false;
    this.nextAt = now.getTime() + NightlyRereadScheduler.delayUntil(now, this.atUtc);
    return true;
  }

  /** The instant from which the next round reads in full. */
  get next(): Date {
    return new Date(this.nextAt);
  }
}
