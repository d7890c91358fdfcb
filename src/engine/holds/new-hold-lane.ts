import { TurnBatches } from '../../shared/turn-batches.js';
import type { Storage } from '../../storage/storage.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import type { GroupOutcome, NewHold, NewHoldOutcome } from './new-hold.js';
import { placeNewHolds } from './place-new-holds.js';

/** A hold waiting to be placed, and how to answer its caller. */
export interface WaitingHold {
  hold: NewHold;
  resolve: (outcome: NewHoldOutcome) => void;
  reject: (reason: unknown) => void;
}

/**
 * Upper bound on the holds of one group: it bounds how long the group's transaction keeps its
 * levels locked (PostgreSQL) and the write batch waits for it (SQLite).
 */
const MAX_GROUP = 64;

/**
 * One line of new holds placed in groups (`TurnBatches`): the holds that arrive while one group
 * is being placed wait, and the next group places them all together (`placeNewHolds`), so one
 * transaction, one COMMIT and one decision per level serve every hold that arrived meanwhile.
 *
 * A lane that does not wait for locks hands a hold whose level another transaction holds to
 * `onBusy`. A group that fails for a reason that retrying did not cure (`inWriteTransaction`
 * retries conflicts) is placed again hold by hold, so one hold's fault fails that hold only.
 */
export class NewHoldLane {
  private readonly groups = new TurnBatches<WaitingHold>(
    (group) => this.placeGroup(group),
    (waiting) => Math.min(waiting.length, MAX_GROUP),
  );

  constructor(
    private readonly storage: Storage,
    private readonly modes: ChannelModes,
    private readonly locks:
      { waitForLocks: true } | { waitForLocks: false; onBusy: (waiting: WaitingHold) => void },
  ) {}

  add(waiting: WaitingHold): void {
    this.groups.add(waiting);
  }

  private async placeGroup(group: readonly WaitingHold[]): Promise<void> {
    try {
      const outcomes = await placeNewHolds(
        this.storage,
        group.map((waiting) => waiting.hold),
        this.modes,
        { waitForLocks: this.locks.waitForLocks },
      );
      group.forEach((waiting, index) => {
        const outcome = outcomes[index]!;
        if (outcome.kind !== 'busy') waiting.resolve(outcome);
        else if (!this.locks.waitForLocks) this.locks.onBusy(waiting);
        else waiting.reject(new Error('a hold came back busy from a step that waits for locks'));
      });
    } catch (thrown) {
      if (group.length === 1) {
        group[0]!.reject(thrown);
        return;
      }
      for (const waiting of group) await this.placeAlone(waiting, thrown);
    }
  }

  /**
   * A hold of a failed group, placed on its own so that one hold's fault fails that hold only.
   * When the group of the waiting lane (PostgreSQL) timed out, without waiting for locks: one of
   * its levels stayed locked elsewhere past the statement timeout, and each of its holds waiting
   * that long again in turn kept a hold at a free level unanswered for the timeout times the
   * group's size (a break-it pass). A hold whose level is still locked has waited as long as the
   * group did: it fails with the group's fault.
   */
  private async placeAlone(waiting: WaitingHold, groupFault: unknown): Promise<void> {
    if (!this.locks.waitForLocks || !waitedTooLong(groupFault)) return this.placeGroup([waiting]);

    let outcomes: GroupOutcome[];
    try {
      outcomes = await placeNewHolds(this.storage, [waiting.hold], this.modes, {
        waitForLocks: false,
      });
    } catch (thrown) {
      waiting.reject(thrown);
      return;
    }
    const outcome = outcomes[0]!;
    if (outcome.kind === 'busy') waiting.reject(groupFault);
    else waiting.resolve(outcome);
  }
}

/** PostgreSQL's statement timeout (57014) or lock timeout (55P03) ended the group. */
function waitedTooLong(thrown: unknown): boolean {
  const code = (thrown as { code?: unknown } | null)?.code;
  return code === '57014' || code === '55P03';
}
