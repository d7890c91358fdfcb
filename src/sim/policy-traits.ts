import type { PolicyName } from './simulation-options.js';

/** What a policy changes about how the web learns of stock and what it may promise. */
export interface PolicyTraits {
  /** 'erp': an ERP connector pushes absolute stock on a schedule; 'webhooks': seconds behind. */
  sync: 'erp' | 'webhooks';
  buffers: boolean;
  holds: boolean;
  counts: boolean;
  /** trueshelf manages the level: it places safety stock and reserved units in Shopify. */
  managed: boolean;
}

export const POLICY_TRAITS: Record<PolicyName, PolicyTraits> = {
  erp_30min: { sync: 'erp', buffers: false, holds: false, counts: false, managed: false },
  webhooks: { sync: 'webhooks', buffers: false, holds: false, counts: false, managed: false },
  webhooks_buffers: { sync: 'webhooks', buffers: true, holds: false, counts: false, managed: true },
  webhooks_buffers_holds: {
    sync: 'webhooks',
    buffers: true,
    holds: true,
    counts: false,
    managed: true,
  },
  webhooks_buffers_holds_counts: {
    sync: 'webhooks',
    buffers: true,
    holds: true,
    counts: true,
    managed: true,
  },
};

/** One line per policy for the report. */
export const POLICY_DESCRIPTIONS: Record<PolicyName, string> = {
  erp_30min:
    'An ERP connector overwrites stock every 30 minutes; between pushes the web sees the last ' +
    'push less its own orders.',
  webhooks: 'Webhooks and re-reads: the web sees the record within seconds.',
  webhooks_buffers:
    'Webhooks plus a buffer per level from the product’s velocity and buffer rules.',
  webhooks_buffers_holds:
    'Plus a hold from order to pickup: the units are set aside at once and promised once.',
  webhooks_buffers_holds_counts:
    'Plus cycle counts: each level counted once a week, the record corrected to the shelf.',
};
