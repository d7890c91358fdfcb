import { z } from 'zod';

const seconds = z.int().min(1);
const tags = z.array(z.string().trim().min(1));
const unitsPerDay = z.number().positive();

/** What one location may change: the same knobs, each optional. */
export const locationHoldPolicySchema = z.strictObject({
  enabled: z.boolean().optional(),
  defaultTtlSeconds: seconds.optional(),
  maxTtlSeconds: seconds.optional(),
  checkoutGraceSeconds: seconds.optional(),
  tags: tags.optional(),
  minUnitsPerDay: unitsPerDay.optional(),
});

/**
 * The hold policy: default and longest TTL, the checkout grace period, which items may be held,
 * and per-location overrides by handle (config section `holds`). Which items: with no
 * `categories`, no `tags` and no `minUnitsPerDay`, every item; otherwise an item whose category
 * or one of whose product tags is listed, or that sells at least `minUnitsPerDay` units a day at
 * that location (fast sellers). A location may set its own `tags` and `minUnitsPerDay`.
 */
export const holdPolicySchema = z
  .strictObject({
    defaultTtlSeconds: seconds.default(600),
    maxTtlSeconds: seconds.default(3600),
    checkoutGraceSeconds: seconds.default(120),
    sweepIntervalMs: z.int().min(10).default(1000),
    categories: z.array(z.string().min(1)).default([]),
    tags: tags.default([]),
    minUnitsPerDay: unitsPerDay.optional(),
    locations: z.record(z.string(), locationHoldPolicySchema).default({}),
  })
  .superRefine((policy, ctx) => {
    if (policy.defaultTtlSeconds > policy.maxTtlSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultTtlSeconds'],
        message: `defaultTtlSeconds (${policy.defaultTtlSeconds}) is above maxTtlSeconds (${policy.maxTtlSeconds})`,
      });
    }
  });

export type HoldPolicy = z.output<typeof holdPolicySchema>;

/** The policy that applies at one location, overrides resolved. */
export interface LocationHoldPolicy {
  enabled: boolean;
  defaultTtlSeconds: number;
  maxTtlSeconds: number;
  checkoutGraceSeconds: number;
}

export const defaultHoldPolicy: HoldPolicy = holdPolicySchema.parse({});

export function policyAt(policy: HoldPolicy, locationHandle: string): LocationHoldPolicy {
  const own = policy.locations[locationHandle] ?? {};
  const maxTtlSeconds = own.maxTtlSeconds ?? policy.maxTtlSeconds;
  return {
    enabled: own.enabled ?? true,
    defaultTtlSeconds: Math.min(own.defaultTtlSeconds ?? policy.defaultTtlSeconds, maxTtlSeconds),
    maxTtlSeconds,
    checkoutGraceSeconds: own.checkoutGraceSeconds ?? policy.checkoutGraceSeconds,
  };
}

/** The policy binding a hold with lines at several locations: the strictest of theirs. */
export function policyForLocations(
  policy: HoldPolicy,
  locationHandles: readonly string[],
): LocationHoldPolicy {
  const each = locationHandles.map((handle) => policyAt(policy, handle));
  return each.reduce(
    (a, b) => ({
      enabled: a.enabled && b.enabled,
      defaultTtlSeconds: Math.min(a.defaultTtlSeconds, b.defaultTtlSeconds),
      maxTtlSeconds: Math.min(a.maxTtlSeconds, b.maxTtlSeconds),
      checkoutGraceSeconds: Math.min(a.checkoutGraceSeconds, b.checkoutGraceSeconds),
    }),
    policyAt(policy, locationHandles[0] ?? ''),
  );
}

/**
 * The `holds` section of a config object, when it has one; the defaults otherwise. Until the
 * lead adds `holds` to the config schema, this is where the policy comes from.
 */
export function holdPolicyOf(config: object): HoldPolicy {
  const section = (config as { holds?: unknown }).holds;
  return section === undefined ? defaultHoldPolicy : holdPolicySchema.parse(section);
}
