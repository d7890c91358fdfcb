import { describe, expect, it } from 'vitest';
import {
  holdPolicyOf,
  holdPolicySchema,
  policyAt,
  policyForLocations,
} from '../../../src/domain/holds/hold-policy.js';

describe('the hold policy', () => {
  it('defaults to 10-minute holds, at most an hour, two minutes of checkout grace, every item', () => {
    const policy = holdPolicyOf({});

    expect(policyAt(policy, 'downtown')).toEqual({
      enabled: true,
      defaultTtlSeconds: 600,
      maxTtlSeconds: 3600,
      checkoutGraceSeconds: 120,
    });
  });

  it('takes a location override, and caps its default TTL at its maximum', () => {
    const policy = holdPolicySchema.parse({
      locations: { mall: { maxTtlSeconds: 300 }, depot: { enabled: false } },
    });

    expect(policyAt(policy, 'mall')).toMatchObject({ defaultTtlSeconds: 300, maxTtlSeconds: 300 });
    expect(policyAt(policy, 'depot').enabled).toBe(false);
    expect(policyForLocations(policy, ['downtown', 'mall'])).toMatchObject({
      maxTtlSeconds: 300,
      enabled: true,
    });
  });

  it('refuses a default TTL longer than the maximum', () => {
    expect(holdPolicySchema.safeParse({ defaultTtlSeconds: 900, maxTtlSeconds: 600 }).success).toBe(
      false,
    );
  });

  it('reads the holds section of a config object', () => {
    expect(
      policyAt(holdPolicyOf({ holds: { checkoutGraceSeconds: 45 } }), 'x').checkoutGraceSeconds,
    ).toBe(45);
  });
});
