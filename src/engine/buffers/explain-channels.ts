import type { ChannelPolicies, ChannelPolicy } from '../../domain/buffers/index.js';
import { applyChannelPolicy, stricterChannelPolicy } from '../../domain/buffers/index.js';
import { shopifyHeldBack } from '../../domain/decision/decide-sellable.js';

export interface ChannelShown {
  policy: ChannelPolicy;
  shown: number;
  applied: 'zero_at_or_below' | 'max_shown' | null;
  reason: string;
}

/**
 * What each channel with a policy shows of one decision's sellable, as the channels compute
 * it: Google and the API through `applyChannelPolicy` (Google with the stricter of the rules and
 * its own `google.*` settings), Shopify through the decision's `safety_stock` target, where
 * "zero at or below N" holds the last units back and a cap is not applied (see
 * `shopifyHeldBack` for why).
 */
export function explainChannels(
  sellable: number,
  policies: ChannelPolicies,
  googleSettingsPolicy: ChannelPolicy = {},
): Record<string, ChannelShown> {
  const channels: Record<string, ChannelShown> = {};
  for (const [channel, rulesPolicy] of Object.entries(policies)) {
    if (channel === 'shopify') {
      channels[channel] = shopifyShown(sellable, rulesPolicy);
      continue;
    }
    const policy =
      channel === 'google' ? stricterChannelPolicy(rulesPolicy, googleSettingsPolicy) : rulesPolicy;
    channels[channel] = { policy, ...applyChannelPolicy(sellable, policy) };
  }
  return channels;
}

function shopifyShown(sellable: number, policy: ChannelPolicy): ChannelShown {
  const base = Math.max(0, sellable);
  const heldBack = shopifyHeldBack(base, policy);
  const capNote =
    policy.maxShown === undefined
      ? ''
      : `; maxShown ${policy.maxShown} is not applied on Shopify (it would refuse orders for units that are there)`;
  if (heldBack > 0) {
    const reason = `sellable ${base} is at or below ${policy.zeroAtOrBelow}, so these units go to safety_stock too and available shows 0${capNote}`;
    return { policy, shown: 0, applied: 'zero_at_or_below', reason };
  }
  return {
    policy,
    shown: base,
    applied: null,
    reason: `available shows sellable ${base}${capNote}`,
  };
}
