import { z } from 'zod';
import { attributionClasses } from './attribution-class.js';
import type { AttributionClass } from './attribution-class.js';

/** Who can earn credit. The associate is a person inside the selling store, not a location. */
export const creditParties = [
  'selling_store',
  'associate',
  'fulfilling_location',
  'ecommerce',
] as const;
export type CreditParty = (typeof creditParties)[number];

export type CreditKind = 'sale' | 'fulfilment';

const percent = z.number().int().min(0).max(100);

/** Whole percentages per party; a party left out gets 0. */
const sharesSchema = z.strictObject({
  selling_store: percent.default(0),
  associate: percent.default(0),
  fulfilling_location: percent.default(0),
  ecommerce: percent.default(0),
});
export type CreditShares = z.infer<typeof sharesSchema>;

const ruleSchema = z.strictObject({ sale: sharesSchema, fulfilment: sharesSchema });
export type CreditRule = z.infer<typeof ruleSchema>;
export type CreditRules = Record<AttributionClass, CreditRule>;

const shares = (values: Partial<CreditShares>): CreditShares => ({
  selling_store: 0,
  associate: 0,
  fulfilling_location: 0,
  ecommerce: 0,
  ...values,
});

const POS_DEFAULT: CreditRule = {
  sale: shares({ selling_store: 100, associate: 100 }),
  fulfilment: shares({ fulfilling_location: 100 }),
};
const ONLINE_DEFAULT: CreditRule = {
  sale: shares({ ecommerce: 100 }),
  fulfilment: shares({ fulfilling_location: 100 }),
};

/**
 * The issue's defaults: the selling store and its associate earn the whole sale (e-commerce
 * for an online order, which has neither); the fulfilling location earns the whole fulfilment.
 */
export const defaultCreditRules: CreditRules = {
  pos_carry_out: POS_DEFAULT,
  pos_ship_from_warehouse: POS_DEFAULT,
  pos_ship_from_store: POS_DEFAULT,
  online_ship_from_warehouse: ONLINE_DEFAULT,
  online_pickup_in_store: ONLINE_DEFAULT,
  online_ship_from_store: ONLINE_DEFAULT,
};

/**
 * `attribution.creditRules` in the config file: per class, the sale and fulfilment shares.
 * Credit among locations and e-commerce (selling store + fulfilling location + e-commerce) must
 * add up to exactly 100, so no credit is lost or counted twice; the associate's share is of the
 * selling store's sale, from 0 to 100. An online order has no selling store or associate.
 */
export const creditRulesSchema = z
  .strictObject(
    Object.fromEntries(
      attributionClasses.map((name) => [name, ruleSchema.default(defaultCreditRules[name])]),
    ) as Record<AttributionClass, z.ZodDefault<typeof ruleSchema>>,
  )
  .superRefine((rules, ctx) => {
    for (const name of attributionClasses) {
      for (const kind of ['sale', 'fulfilment'] as const) {
        const s = rules[name][kind];
        const total = s.selling_store + s.fulfilling_location + s.ecommerce;
        if (total !== 100) {
          ctx.addIssue({
            code: 'custom',
            path: [name, kind],
            message: `selling_store + fulfilling_location + ecommerce is ${total}; expected 100`,
          });
        }
        if (name.startsWith('online_') && (s.selling_store > 0 || s.associate > 0)) {
          ctx.addIssue({
            code: 'custom',
            path: [name, kind],
            message: 'an online order has no selling store or associate; expected 0 for both',
          });
        }
      }
    }
  });
