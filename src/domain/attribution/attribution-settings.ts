import { z } from 'zod';
import { creditRulesSchema, defaultCreditRules } from './credit-rules.js';

const timeZone = z.string().refine(
  (value) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      return value.length > 0;
    } catch {
      return false;
    }
  },
  { message: 'not an IANA time zone' },
);

/** `config.attribution`: tagging, the e-commerce day, the worker's pace and the credit rules. */
export const attributionSettingsSchema = z.strictObject({
  tagOrders: z.boolean().default(true),
  ecommerceTimeZone: timeZone.default('UTC'),
  pollIntervalMs: z.number().int().min(1).default(1000),
  creditRules: creditRulesSchema.default(defaultCreditRules),
});

export type AttributionSettings = z.infer<typeof attributionSettingsSchema>;

export const defaultAttributionSettings: AttributionSettings = {
  tagOrders: true,
  ecommerceTimeZone: 'UTC',
  pollIntervalMs: 1000,
  creditRules: defaultCreditRules,
};
