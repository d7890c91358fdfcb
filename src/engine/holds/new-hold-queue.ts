import type { Storage } from '../../storage/storage.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import { NewHoldLane } from './new-hold-lane.js';
import type { NewHold, NewHoldOutcome } from './new-hold.js';

/** Per storage: the queues by channel modes, as text, and by the modes object last seen. */
interface StorageQueues {
  byText: Map<string, NewHoldQueue>;
  byObject: WeakMap<ChannelModes, NewHoldQueue>;
}

const queues = new WeakMap<Storage, StorageQueues>();

/**
 * New holds, placed in groups (`NewHoldLane`). On PostgreSQL in two lanes: the first never
 * waits for a lock, and hands a hold one of whose levels another transaction holds (a buffer
 * recompute, a re-read, another instance's group, an operator's session) to the second, which
 * waits. A group waits for all its levels, so with one lane a single level locked elsewhere
 * held up every first hold of the instance, at any store, until it was released; now only the
 * holds on that level wait, in the second lane, on one connection. SQLite has one writer and no
 * row locks: its one lane never meets a busy level.
 */
export class NewHoldQueue {
  private readonly free: NewHoldLane;

  private constructor(storage: Storage, modes: ChannelModes) {
    if (storage.dialect !== 'postgres') {
      this.free = new NewHoldLane(storage, modes, { waitForLocks: true });
      return;
    }
    const waiting = new NewHoldLane(storage, modes, { waitForLocks: true });
    this.free = new NewHoldLane(storage, modes, {
      waitForLocks: false,
      onBusy: (hold) => waiting.add(hold),
    });
  }

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
      this.free.add({ hold, resolve, reject });
    });
  }
}
