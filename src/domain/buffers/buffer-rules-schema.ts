import { z } from 'zod';

import { bufferPolicySchema } from './buffer-policy-schema.js';
import { channelPolicySchema } from './channel-policy.js';
import { hysteresisPolicySchema } from './should-change-buffer.js';

/** Rule scopes from the most specific, which wins, to the chain default. */
export const BUFFER_RULE_SCOPES = [
  'item_at_location',
  'item',
  'category',
  'location',
  'chain',
] as const;

export type BufferRuleScope = (typeof BUFFER_RULE_SCOPES)[number];

const key = z.string().trim().min(1);
const id = key.optional();

const itemAtLocationRuleSchema = z.strictObject({
  scope: z.literal('item_at_location'),
  id,
  item: key,
  location: key,
  policy: bufferPolicySchema,
});
const itemRuleSchema = z.strictObject({
  scope: z.literal('item'),
  id,
  item: key,
  policy: bufferPolicySchema,
});
const categoryRuleSchema = z.strictObject({
  scope: z.literal('category'),
  id,
  category: key,
  policy: bufferPolicySchema,
});
const locationRuleSchema = z.strictObject({
  scope: z.literal('location'),
  id,
  location: key,
  policy: bufferPolicySchema,
});

export const bufferRuleSchema = z.discriminatedUnion('scope', [
  itemAtLocationRuleSchema,
  itemRuleSchema,
  categoryRuleSchema,
  locationRuleSchema,
]);

type ParsedRule = z.output<typeof bufferRuleSchema>;

/** The id a rule gets when the file names none: its scope and what it targets. */
export function derivedRuleId(rule: ParsedRule): string {
  if (rule.scope === 'item_at_location') return `item_at_location:${rule.item}@${rule.location}`;
  if (rule.scope === 'item') return `item:${rule.item}`;
  if (rule.scope === 'category') return `category:${rule.category}`;
  return `location:${rule.location}`;
}

/**
 * A buffer rules file (YAML or JSON). `item` is trueshelf's item id, `location` a location
 * handle from the registry, `category` the item's category. Channel names are the channels'
 * own (`shopify`, `google`, `api`, ...). Two rules for the same target are refused: the second
 * could never apply, so it is a mistake, not a preference.
 */
export const bufferRulesSchema = z
  .strictObject({
    version: z.literal(1),
    chainDefault: z.strictObject({ id, policy: bufferPolicySchema }),
    rules: z.array(bufferRuleSchema).default([]),
    channels: z.record(key, channelPolicySchema).default({}),
    hysteresis: hysteresisPolicySchema.default({ minUnitsChange: 1, minVelocityChangePercent: 20 }),
  })
  .superRefine((file, ctx) => {
    const targets = new Map<string, number>();
    const ids = new Map<string, number>([[file.chainDefault.id ?? 'chain', -1]]);
    for (const [index, rule] of file.rules.entries()) {
      const target = derivedRuleId(rule);
      const sameTarget = targets.get(target);
      if (sameTarget !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index],
          message:
            `rules[${sameTarget}] already sets ${target}; ` +
            'the first match wins, so this rule could never apply',
        });
        continue; // its derived id clashes too; one issue says it
      }
      targets.set(target, index);

      const ruleId = rule.id ?? target;
      const sameId = ids.get(ruleId);
      if (sameId !== undefined) {
        const other = sameId === -1 ? 'chainDefault' : `rules[${sameId}]`;
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'id'],
          message: `id '${ruleId}' is already used by ${other}`,
        });
      }
      ids.set(ruleId, index);
    }
  })
  .transform((file) => ({
    ...file,
    chainDefault: { id: file.chainDefault.id ?? 'chain', policy: file.chainDefault.policy },
    rules: file.rules.map((rule) => ({ ...rule, id: rule.id ?? derivedRuleId(rule) })),
  }));

/** A validated rules file, every rule with its id. */
export type BufferRules = z.output<typeof bufferRulesSchema>;

/** One override rule (not the chain default). */
export type BufferRule = BufferRules['rules'][number];

/** The rules file as a person writes it, before defaults and ids are filled in. */
export type BufferRulesFile = z.input<typeof bufferRulesSchema>;
