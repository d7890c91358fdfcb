import type { Storage } from '../../storage/storage.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import type { NewHold, NewHoldOutcome } from './new-hold.js';
import { placeNewHolds } from './place-new-holds.js';

interface Waiting {
  hold: NewHold;
  resolve: (outcome: NewHoldOutcome) => void;
  reject: (reason: unknown) => void;
}

/**
 * Upper bound on the holds of one group: it bounds how long the group's transaction keeps its
 * levels locked (PostgreSQL) and the write batch waits for it (SQLite).
 */
const MAX_GROUP = 64;

/** Per storage: the queues by channel modes, as text, and by the modes object last seen. */
interface StorageQueues {
  byText: Map<string, NewHoldQueue>;
  byObject: WeakMap<ChannelModes, NewHoldQueue>;
}

const queues = new WeakMap<Storage, StorageQueues>();

/**
 * New holds placed in groups: the holds asked for while one group is being placed wait, and
 * the next group places them all together (`placeNewHolds`), so one transaction, one COMMIT
 * and one decision per level serve every hold that arrived meanwhile. With one caller at a
 * time a group is that one hold; under load, the groups grow with it.
 *
 * A group that fails for a reason that retrying did not cure (`inWriteTransaction` retries
 * conflicts) is placed again hold by hold, so one hold's fault fails that hold only.
 */
export class NewHoldQueue {
  private readonly waiting: Waiting[] = [];
  private running = false;

  private constructor(
    private readonly storage: Storage,
    private readonly modes: ChannelModes,
  ) {}

  /**
   * The queue for this storage and these channel modes, shared by every hold service. A
   * service passes the same modes object each time: found by it, without writing it as text.
   */
  static of(storage: Storage, modes: ChannelModes): NewHoldQueue {
    let known = queues.get(storage);
    if (!known) {
      known = { byText: new Map(), byObject: new WeakMap() };
      queues.set(storage, known);
    }
    const seen = known.byObject.get(modes);
    if (seen) return seen;

    const key = JSON.stringify(modes);
    let queue = known.byText.get(key);
    if (!queue) {
      queue = new NewHoldQueue(storage, modes);
      known.byText.set(key, queue);
    }
    known.byObject.set(modes, queue);
    return queue;
  }

  place(hold: NewHold): Promise<NewHoldOutcome> {
    return new Promise<NewHoldOutcome>((resolve, reject) => {
      this.waiting.push({ hold, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        // Holds asked for in this turn of the event loop (the answers of the last group, each
        // client going on to its next hold) join the group instead of each taking its own.
        await new Promise<void>((resolve) => setImmediate(resolve));
        await this.placeGroup(this.waiting.splice(0, MAX_GROUP));
      }
    } finally {
      this.running = false;
    }
  }

  private async placeGroup(group: readonly Waiting[]): Promise<void> {
    try {
      const outcomes = await placeNewHolds(
        this.storage,
        group.map((waiting) => waiting.hold),
        this.modes,
      );
      group.forEach((waiting, index) => waiting.resolve(outcomes[index]!));
    } catch (thrown) {
      if (group.length === 1) {
        group[0]!.reject(thrown);
        return;
      }
      for (const waiting of group) await this.placeAlone(waiting);
    }
  }

  private async placeAlone(waiting: Waiting): Promise<void> {
    try {
      const [outcome] = await placeNewHolds(this.storage, [waiting.hold], this.modes);
      waiting.resolve(outcome!);
    } catch (thrown) {
      waiting.reject(thrown);
    }
  }
}
