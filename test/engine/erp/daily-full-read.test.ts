import { describe, expect, it } from 'vitest';
import { DailyFullRead } from '../../../src/engine/erp/daily-full-read.js';

describe('DailyFullRead', () => {
  it('is due from the first time of day after the start, once, then again a day later', () => {
    const schedule = DailyFullRead.at('03:30', new Date('2026-03-01T02:00:00.000Z'));

    expect(schedule.next.toISOString()).toBe('2026-03-01T03:30:00.000Z');
    expect(schedule.takeDue(new Date('2026-03-01T03:29:59.999Z'))).toBe(false);
    expect(schedule.takeDue(new Date('2026-03-01T03:30:00.000Z'))).toBe(true);
    expect(schedule.takeDue(new Date('2026-03-01T03:35:00.000Z'))).toBe(false);
    expect(schedule.next.toISOString()).toBe('2026-03-02T03:30:00.000Z');
    expect(schedule.takeDue(new Date('2026-03-02T03:30:00.000Z'))).toBe(true);
  });

  it('does not read in full at a start after the time of day: the next is tomorrow', () => {
    const schedule = DailyFullRead.at('03:30', new Date('2026-03-01T03:31:00.000Z'));

    expect(schedule.takeDue(new Date('2026-03-01T03:40:00.000Z'))).toBe(false);
    expect(schedule.next.toISOString()).toBe('2026-03-02T03:30:00.000Z');
  });

  it('reads in full once after a gap of days (a process paused), not once per day missed', () => {
    const schedule = DailyFullRead.at('23:00', new Date('2026-03-01T12:00:00.000Z'));

    expect(schedule.takeDue(new Date('2026-03-04T08:00:00.000Z'))).toBe(true);
    expect(schedule.takeDue(new Date('2026-03-04T08:05:00.000Z'))).toBe(false);
    expect(schedule.next.toISOString()).toBe('2026-03-04T23:00:00.000Z');
  });
});
