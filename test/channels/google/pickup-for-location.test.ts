import { describe, expect, it } from 'vitest';
import {
  pickupForLocation,
  slaForHours,
} from '../../../src/channels/google/pickup-for-location.js';

const defaults = { pickupMethod: 'BUY', pickupSla: 'SAME_DAY' } as const;

describe('pickupForLocation', () => {
  it('says NOT_SUPPORTED, with no SLA, for a store without pickup', () => {
    expect(pickupForLocation({ pickup_enabled: 0, pickup_time_hours: 2 }, defaults)).toEqual({
      method: 'NOT_SUPPORTED',
    });
  });

  it('says NOT_SUPPORTED everywhere when the shop configures no pickup on Google', () => {
    const none = { pickupMethod: 'NOT_SUPPORTED', pickupSla: 'SAME_DAY' } as const;
    expect(pickupForLocation({ pickup_enabled: 1, pickup_time_hours: 2 }, none)).toEqual({
      method: 'NOT_SUPPORTED',
    });
  });

  it('keeps the configured SLA when the store is quicker, and raises it when the store is slower', () => {
    expect(pickupForLocation({ pickup_enabled: 1, pickup_time_hours: 2 }, defaults)).toEqual({
      method: 'BUY',
      sla: 'SAME_DAY',
    });
    expect(pickupForLocation({ pickup_enabled: 1, pickup_time_hours: 30 }, defaults)).toEqual({
      method: 'BUY',
      sla: 'TWO_DAY',
    });
    const later = { pickupMethod: 'SHIP_TO_STORE', pickupSla: 'THREE_DAY' } as const;
    expect(pickupForLocation({ pickup_enabled: 1, pickup_time_hours: 30 }, later)).toEqual({
      method: 'SHIP_TO_STORE',
      sla: 'THREE_DAY',
    });
  });
});

describe('slaForHours', () => {
  it('rounds a pickup time up to whole days, past a week to multi-week', () => {
    expect([23.5, 24, 25, 48, 49, 168, 169].map(slaForHours)).toEqual([
      null,
      'NEXT_DAY',
      'TWO_DAY',
      'TWO_DAY',
      'THREE_DAY',
      'SEVEN_DAY',
      'MULTI_WEEK',
    ]);
  });
});
