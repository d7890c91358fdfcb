import { z } from 'zod';

/**
 * When a recomputed buffer replaces the one in place. Every change costs a Shopify move and a
 * push to each channel, so noise in velocity must not flap the buffer.
 */
export const hysteresisPolicySchema = z.strictObject({
  minUnitsChange: z.int().min(1).default(1),
  minVelocityChangePercent: z.number().min(0).default(20),
});

export type HysteresisPolicy = z.output<typeof hysteresisPolicySchema>;

/**
 * A buffer and what it was derived from. For the buffer in place, `unitsPerDay` is the velocity
 * when it was set, not at the last computation, so a slow steady drift still adds up.
 * `ruleKey` identifies the matched rule and its settings (see `bufferRuleKey`).
 */
export interface BufferBasis {
  bufferUnits: number;
  unitsPerDay: number | null;
  ruleKey: string;
}

export type BufferChangeReason =
  | 'first_buffer'
  | 'same_buffer'
  | 'rule_changed'
  | 'below_unit_threshold'
  | 'velocity_unknown'
  | 'velocity_moved'
  | 'velocity_steady';

export interface BufferChange {
  change: boolean;
  reason: BufferChangeReason;
  /** |proposed − current| / current velocity × 100; null when a velocity is missing. */
  velocityChangePercent: number | null;
}

/**
 * Whether to replace the buffer in place with a proposed one. In order:
 * - no buffer yet: change; the same number: keep;
 * - a different rule or edited settings: change at once, since a person asked for it;
 * - a difference under `minUnitsChange` units: keep;
 * - otherwise change only when velocity moved by more than `minVelocityChangePercent` since the
 *   buffer in place was set (from zero, any rise counts as moved).
 */
export function shouldChangeBuffer(
  current: BufferBasis | null,
  proposed: BufferBasis,
  policy: HysteresisPolicy,
): BufferChange {
  if (current === null)
    return { change: true, reason: 'first_buffer', velocityChangePercent: null };
  const percent = velocityChangePercent(current.unitsPerDay, proposed.unitsPerDay);
  if (proposed.bufferUnits === current.bufferUnits) {
    return { change: false, reason: 'same_buffer', velocityChangePercent: percent };
  }
  if (proposed.ruleKey !== current.ruleKey) {
    return { change: true, reason: 'rule_changed', velocityChangePercent: percent };
  }

  if (Math.abs(proposed.bufferUnits - current.bufferUnits) < policy.minUnitsChange) {
    return { change: false, reason: 'below_unit_threshold', velocityChangePercent: percent };
  }
  if (percent === null)
    return { change: true, reason: 'velocity_unknown', velocityChangePercent: null };

  const moved = percent > policy.minVelocityChangePercent;
  return {
    change: moved,
    reason: moved ? 'velocity_moved' : 'velocity_steady',
    velocityChangePercent: percent,
  };
}

function velocityChangePercent(current: number | null, proposed: number | null): number | null {
  if (current === null || proposed === null) return null;
  if (current === 0) return proposed === 0 ? 0 : Number.POSITIVE_INFINITY;
  return (Math.abs(proposed - current) / current) * 100;
}
