import { describe, expect, it } from 'vitest';
import {
  parseItemTags,
  selectionAt,
  whyNotHeld,
} from '../../../src/domain/holds/hold-eligibility.js';
import { holdPolicySchema } from '../../../src/domain/holds/hold-policy.js';

const item = (facts: { category?: string; tags?: string[]; unitsPerDay?: number | null }) => ({
  category: facts.category ?? null,
  tags: facts.tags ?? [],
  unitsPerDay: facts.unitsPerDay ?? null,
});

describe('which items get holds', () => {
  it('holds every item when the policy lists no category, tag or velocity', () => {
    const selection = selectionAt(holdPolicySchema.parse({}), 'downtown');

    expect(whyNotHeld(selection, item({}))).toBeNull();
  });

  it('holds an item carrying a listed tag, compared trimmed and ignoring case', () => {
    const selection = selectionAt(holdPolicySchema.parse({ tags: ['Pickup-Hold'] }), 'downtown');

    expect(whyNotHeld(selection, item({ tags: ['summer', ' pickup-hold'] }))).toBeNull();
    expect(whyNotHeld(selection, item({ tags: ['summer'] }))).toEqual({
      reason: 'not_selected',
      why: 'holds need a tag of Pickup-Hold; it has category none, tags summer',
    });
  });

  it('holds a fast seller from the threshold up, and not a hundredth below it', () => {
    const selection = selectionAt(holdPolicySchema.parse({ minUnitsPerDay: 2 }), 'downtown');

    expect(whyNotHeld(selection, item({ unitsPerDay: 2 }))).toBeNull();
    expect(whyNotHeld(selection, item({ unitsPerDay: 1.99 }))).toEqual({
      reason: 'not_selected',
      why: 'holds need at least 2 units/day sold; it has category none, tags none, 1.99 units/day',
    });
  });

  it('takes a tag or the velocity, whichever the item has', () => {
    const selection = selectionAt(
      holdPolicySchema.parse({ tags: ['hold'], minUnitsPerDay: 5 }),
      'downtown',
    );

    expect(whyNotHeld(selection, item({ tags: ['hold'], unitsPerDay: 0 }))).toBeNull();
    expect(whyNotHeld(selection, item({ unitsPerDay: 6 }))).toBeNull();
    expect(whyNotHeld(selection, item({ unitsPerDay: 4 }))?.reason).toBe('not_selected');
  });

  it("lets a location set its own tags and threshold over the chain's", () => {
    const policy = holdPolicySchema.parse({
      tags: ['hold'],
      locations: { mall: { tags: ['mall-hold'], minUnitsPerDay: 1 } },
    });

    expect(selectionAt(policy, 'mall')).toEqual({
      categories: [],
      tags: ['mall-hold'],
      minUnitsPerDay: 1,
    });
    expect(selectionAt(policy, 'downtown')).toEqual({
      categories: [],
      tags: ['hold'],
      minUnitsPerDay: null,
    });
  });

  it('refuses a threshold of zero or below in the config', () => {
    expect(holdPolicySchema.safeParse({ minUnitsPerDay: 0 }).success).toBe(false);
  });

  it('reads stored tags, and anything unreadable as none', () => {
    expect(parseItemTags('["a","b"]')).toEqual(['a', 'b']);
    expect(parseItemTags('not json')).toEqual([]);
    expect(parseItemTags(null)).toEqual([]);
  });
});
