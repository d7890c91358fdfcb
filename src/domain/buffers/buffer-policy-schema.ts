import { z } from 'zod';

const units = z.int().min(0);
const caps = { minUnits: units.optional(), maxUnits: units.optional() };

function capsInOrder(value: { minUnits?: number; maxUnits?: number }, ctx: z.RefinementCtx): void {
  if (
    value.minUnits !== undefined &&
    value.maxUnits !== undefined &&
    value.minUnits > value.maxUnits
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['minUnits'],
      message: `minUnits (${value.minUnits}) is above maxUnits (${value.maxUnits})`,
    });
  }
}

/** A fixed number of units, whatever the velocity (an override a person sets by hand). */
export const fixedPolicySchema = z.strictObject({
  kind: z.literal('fixed'),
  units,
});

/**
 * One velocity band: from `fromUnitsPerDay` up to the next band's start. Its buffer is
 * max(bufferUnits, ceil(velocity × daysOfCover)).
 */
export const tieredBandSchema = z.strictObject({
  fromUnitsPerDay: z.number().min(0),
  bufferUnits: units,
  daysOfCover: z.number().min(0).optional(),
});

/** Velocity bands → buffer units, then the caps. Bands start at 0 and rise strictly. */
export const tieredPolicySchema = z
  .strictObject({
    kind: z.literal('tiered'),
    bands: z.array(tieredBandSchema).min(1),
    ...caps,
  })
  .superRefine((policy, ctx) => {
    if (policy.bands[0] && policy.bands[0].fromUnitsPerDay !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['bands', 0, 'fromUnitsPerDay'],
        message: 'the first band must start at 0 units/day, so every velocity falls in a band',
      });
    }
    for (let index = 1; index < policy.bands.length; index += 1) {
      const previous = policy.bands[index - 1]!.fromUnitsPerDay;
      if (policy.bands[index]!.fromUnitsPerDay <= previous) {
        ctx.addIssue({
          code: 'custom',
          path: ['bands', index, 'fromUnitsPerDay'],
          message: `bands must rise: this band starts at or below the one before (${previous})`,
        });
      }
    }
    capsInOrder(policy, ctx);
  });

/**
 * The smallest buffer whose chance of a broken pickup promise stays at or under the target
 * (see RISK_MODE.md). The shrink and ghost-unit figures here stand in for a store with no
 * observations of its own.
 */
export const riskPolicySchema = z
  .strictObject({
    kind: z.literal('risk'),
    targetShortfallProbability: z.number().min(1e-6).max(0.5),
    syncDelaySeconds: z.number().min(0),
    orderToPickupSeconds: z.number().min(0),
    shrinkRate: z.number().min(0).max(1).optional(),
    ghostUnitsMean: z.number().min(0).optional(),
    ghostUnitsVariance: z.number().min(0).optional(),
    ...caps,
  })
  .superRefine(capsInOrder);

export const bufferPolicySchema = z.discriminatedUnion('kind', [
  fixedPolicySchema,
  tieredPolicySchema,
  riskPolicySchema,
]);

export type FixedPolicy = z.output<typeof fixedPolicySchema>;
export type TieredBand = z.output<typeof tieredBandSchema>;
export type TieredPolicy = z.output<typeof tieredPolicySchema>;
export type RiskPolicy = z.output<typeof riskPolicySchema>;
export type BufferPolicy = z.output<typeof bufferPolicySchema>;
