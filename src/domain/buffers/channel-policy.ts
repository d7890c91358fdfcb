import { z } from 'zod';

/**
 * What one channel may show of a sellable number: zero when sellable is at or below
 * `zeroAtOrBelow` (too few to promise on that channel), and never more than `maxShown`.
 */
export const channelPolicySchema = z.strictObject({
  zeroAtOrBelow: z.int().min(0).optional(),
  maxShown: z.int().min(0).optional(),
});

export type ChannelPolicy = z.output<typeof channelPolicySchema>;

/** Which part of a channel policy changed the number, if any. */
export type ChannelPolicyStep = 'zero_at_or_below' | 'max_shown';

export interface ChannelQuantity {
  shown: number;
  applied: ChannelPolicyStep | null;
  reason: string;
}

/**
 * The quantity a channel shows, applied after sellable. The threshold is judged on sellable
 * itself, then the cap applies: with sellable 5, "zero at or below 2" and a cap of 1, the channel
 * shows 1, because 5 units are enough to promise one.
 */
export function applyChannelPolicy(sellable: number, policy: ChannelPolicy): ChannelQuantity {
  const base = Math.max(0, sellable);

  if (policy.zeroAtOrBelow !== undefined && base <= policy.zeroAtOrBelow) {
    const reason =
      base === 0
        ? 'nothing sellable'
        : `sellable ${base} is at or below ${policy.zeroAtOrBelow}, so the channel shows 0`;
    return { shown: 0, applied: base === 0 ? null : 'zero_at_or_below', reason };
  }

  if (policy.maxShown !== undefined && base > policy.maxShown) {
    const reason = `sellable ${base} is capped at ${policy.maxShown} for this channel`;
    return { shown: policy.maxShown, applied: 'max_shown', reason };
  }

  return { shown: base, applied: null, reason: `shows sellable ${base} as it is` };
}

/** Each channel's policy by the channel's own name (`shopify`, `google`, `api`, ...). */
export type ChannelPolicies = Readonly<Record<string, ChannelPolicy>>;

/**
 * Two policies for one channel as one: the stricter of each part wins, the larger "zero at or
 * below" and the smaller cap, since each exists to keep a promise that could not be kept.
 */
export function stricterChannelPolicy(a: ChannelPolicy, b: ChannelPolicy): ChannelPolicy {
  const zero = [a.zeroAtOrBelow, b.zeroAtOrBelow].filter((n) => n !== undefined);
  const cap = [a.maxShown, b.maxShown].filter((n) => n !== undefined);
  return {
    ...(zero.length > 0 ? { zeroAtOrBelow: Math.max(...zero) } : {}),
    ...(cap.length > 0 ? { maxShown: Math.min(...cap) } : {}),
  };
}
