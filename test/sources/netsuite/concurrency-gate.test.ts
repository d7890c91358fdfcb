import { describe, expect, it } from 'vitest';
import { ConcurrencyGate } from '../../../src/sources/netsuite/concurrency-gate.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('the concurrency gate', () => {
  it('lets no more than its limit run, and starts the next in order when one ends', async () => {
    const gate = new ConcurrencyGate(2);
    const started: number[] = [];
    const finish = [deferred(), deferred(), deferred(), deferred()];

    const runs = finish.map((step, index) =>
      gate.run(async () => {
        started.push(index);
        await step.promise;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);

    finish[1]?.resolve();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);

    for (const step of finish) step.resolve();
    await Promise.all(runs);
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('frees the slot when the work throws', async () => {
    const gate = new ConcurrencyGate(1);

    await expect(gate.run(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');

    await expect(gate.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});
