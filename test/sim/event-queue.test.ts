import { describe, expect, it } from 'vitest';

import { EventKind, EventQueue } from '../../src/sim/event-queue.js';

function drain(queue: EventQueue): [number, number][] {
  const out: [number, number][] = [];
  while (queue.pop()) out.push([queue.time, queue.payload]);
  return out;
}

describe('EventQueue', () => {
  it('gives events back in time order, and equal times in the order they were scheduled', () => {
    const queue = new EventQueue(2);
    queue.schedule(30, EventKind.walkIn, 0, 1);
    queue.schedule(10, EventKind.walkIn, 0, 2);
    queue.schedule(20, EventKind.pick, 3, 3);
    queue.schedule(10, EventKind.pickup, 1, 4);
    queue.schedule(10, EventKind.shrink, 2, 5);

    expect(drain(queue)).toEqual([
      [10, 2],
      [10, 4],
      [10, 5],
      [20, 3],
      [30, 1],
    ]);
  });

  it('keeps kind and level with each event as it grows past its first capacity', () => {
    const queue = new EventQueue(1);
    for (let at = 99; at >= 0; at -= 1) queue.schedule(at, EventKind.refresh, at * 2, at);

    let count = 0;
    while (queue.pop()) {
      expect(queue.kind).toBe(EventKind.refresh);
      expect(queue.level).toBe(queue.payload * 2);
      expect(queue.time).toBe(count);
      count += 1;
    }
    expect(count).toBe(100);
    expect(queue.peekTime()).toBe(Number.POSITIVE_INFINITY);
  });
});
