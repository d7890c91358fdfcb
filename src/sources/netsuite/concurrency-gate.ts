/**
 * A cap on requests in flight. NetSuite counts concurrency per account, summed over every
 * integration (the shop's connector included), from 5 on the smallest tier; a request over the
 * limit is refused, not queued. So the client queues its own requests first.
 */
export class ConcurrencyGate {
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`concurrency limit must be a positive integer, not ${limit}`);
    }
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.inFlight < this.limit) {
      this.inFlight += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next waiter, so inFlight does not change.
    if (next) next();
    else this.inFlight -= 1;
  }
}
