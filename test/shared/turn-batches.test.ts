import { describe, expect, it } from 'vitest';
import { TurnBatches } from '../../src/shared/turn-batches.js';

/** A batch that records what it was given and ends when the test lets it. */
function recorder(take?: (waiting: readonly number[]) => number) {
  const batches: number[][] = [];
  let release: (() => void) | null = null;
  const queue = new TurnBatches<number>(async (batch) => {
    batches.push(batch);
    await new Promise<void>((resolve) => (release = resolve));
  }, take);
  const next = async () => {
    while (!release) await new Promise((resolve) => setImmediate(resolve));
    const done = release;
    release = null;
    done();
  };
  return { queue, batches, next };
}

describe('turn batches', () => {
  it('puts what is added in one turn into one batch', async () => {
    const { queue, batches, next } = recorder();

    [1, 2, 3].forEach((n) => queue.add(n));
    await next();

    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('keeps what is added while a batch runs for the next batch, whole', async () => {
    const { queue, batches, next } = recorder();

    queue.add(1);
    while (batches.length === 0) await new Promise((resolve) => setImmediate(resolve));
    queue.add(2);
    queue.add(3);
    await next();
    await next();

    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('takes as many as `take` says, and one at least, leaving the rest in order', async () => {
    const { queue, batches, next } = recorder((waiting) => (waiting[0] === 9 ? 0 : 2));

    [9, 1, 2, 3, 4].forEach((n) => queue.add(n));
    for (let n = 0; n < 3; n += 1) await next();

    expect(batches).toEqual([[9], [1, 2], [3, 4]]);
  });
});
