import type { TrueshelfConfig } from '../../config/config-schema.js';
import type { ChannelModes } from './refresh-decision.js';

/** The modes every decision is made with, as the config sets them. */
export function channelModesOf(
  config: Pick<Readonly<TrueshelfConfig>, 'shopify' | 'google'>,
): ChannelModes {
  return {
    shopify: config.shopify.mode,
    google: config.google.mode,
    googleSettings: config.google,
  };
}
