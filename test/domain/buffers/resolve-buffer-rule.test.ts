import { describe, expect, it } from 'vitest';

import type { BufferRules } from '../../../src/domain/buffers/buffer-rules-schema.js';
import { resolveBufferRule } from '../../../src/domain/buffers/resolve-buffer-rule.js';
import { rulesFrom } from './rules-fixture.js';

const fixed = (units: number) => ({ kind: 'fixed' as const, units });

// Listed least specific first, so file order cannot be what decides.
const rules = rulesFrom({
  version: 1,
  chainDefault: { policy: fixed(1) },
  rules: [
    { scope: 'location', location: 'store-12', policy: fixed(2) },
    { scope: 'category', category: 'outerwear', policy: fixed(3) },
    { scope: 'item', item: 'JACKET', policy: fixed(4) },
    {
      scope: 'item_at_location',
      id: 'jacket-at-12',
      item: 'JACKET',
      location: 'store-12',
      policy: fixed(5),
    },
  ],
});

describe('buffer rule precedence', () => {
  it.each([
    // item, location, category → scope, id, units
    ['JACKET', 'store-12', 'outerwear', 'item_at_location', 'jacket-at-12', 5],
    ['JACKET', 'store-7', 'outerwear', 'item', 'item:JACKET', 4],
    ['JACKET', 'store-7', null, 'item', 'item:JACKET', 4],
    ['COAT', 'store-12', 'outerwear', 'category', 'category:outerwear', 3],
    ['COAT', 'store-7', 'outerwear', 'category', 'category:outerwear', 3],
    ['TEE', 'store-12', 'tops', 'location', 'location:store-12', 2],
    ['TEE', 'store-12', null, 'location', 'location:store-12', 2],
    ['TEE', 'store-7', 'tops', 'chain', 'chain', 1],
    ['TEE', 'store-7', null, 'chain', 'chain', 1],
  ] as const)(
    '%s at %s in %s takes the %s rule %s (%s units)',
    (item, location, category, scope, id, units) => {
      const matched = resolveBufferRule(rules, { item, location, category });

      expect({ scope: matched.scope, id: matched.id }).toEqual({ scope, id });
      expect(matched.policy).toEqual(fixed(units));
    },
  );

  it('lists every lower rule it outranked, most specific first', () => {
    const matched = resolveBufferRule(rules, {
      item: 'JACKET',
      location: 'store-12',
      category: 'outerwear',
    });

    expect(matched.outranked).toEqual([
      { scope: 'item', id: 'item:JACKET' },
      { scope: 'category', id: 'category:outerwear' },
      { scope: 'location', id: 'location:store-12' },
      { scope: 'chain', id: 'chain' },
    ]);
    expect(matched.reason).toContain("item-at-location rule 'jacket-at-12' matches item 'JACKET'");
  });

  it('says the chain default applies when nothing else matches', () => {
    const matched = resolveBufferRule(rules, { item: 'TEE', location: 'store-7', category: null });

    expect(matched.outranked).toEqual([]);
    expect(matched.reason).toContain("the chain default 'chain' applies");
  });

  it('lets the first of two rules for the same target win in an unvalidated list', () => {
    const handMade: BufferRules = {
      ...rules,
      rules: [
        { scope: 'item', id: 'first', item: 'SOCK', policy: fixed(7) },
        { scope: 'item', id: 'second', item: 'SOCK', policy: fixed(8) },
      ],
    };
    expect(
      resolveBufferRule(handMade, { item: 'SOCK', location: 'store-7', category: null }).id,
    ).toBe('first');
  });
});
