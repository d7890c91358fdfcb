/**
 * Work that arrives while a batch is being done waits, and the next batch takes it all (or
 * what `take` takes of it), one batch at a time: the caller's way to have one transaction or
 * one query serve everything asked for meanwhile. With one caller at a time a batch is that
 * caller's own; under load, the batches grow with it.
 *
 * A batch starts on the next turn of the event loop, so the work its callers ask for in the
 * turn they were answered in (each going on to its next request) joins it instead of each
 * starting its own. `run` answers the batch's callers itself and does not throw.
 */
export class TurnBatches<T> {
  private readonly waiting: T[] = [];
  private running = false;

  constructor(
    private readonly run: (batch: T[]) => Promise<void>,
    private readonly take: (waiting: readonly T[]) => number = (waiting) => waiting.length,
  ) {}

  add(item: T): void {
    this.waiting.push(item);
    if (!this.running) void this.drain();
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        const count = Math.max(1, this.take(this.waiting));
        await this.run(this.waiting.splice(0, count));
      }
    } finally {
      this.running = false;
    }
  }
}
