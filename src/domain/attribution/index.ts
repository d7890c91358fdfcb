export { attributionClasses, channelOf, classifyPart, tagsFor } from './attribution-class.js';
export type {
  AttributionClass,
  DeliveryMethod,
  LocationKind,
  SaleChannel,
} from './attribution-class.js';
export { attributeOrder } from './attribute-order.js';
export type { OrderAttribution } from './attribute-order.js';
export type { CreditCause, CreditLine } from './credit-line.js';
export { creditParties, creditRulesSchema, defaultCreditRules } from './credit-rules.js';
export type {
  CreditKind,
  CreditParty,
  CreditRule,
  CreditRules,
  CreditShares,
} from './credit-rules.js';
export { currencyExponent, formatMinorUnits, toMinorUnits } from './minor-units.js';
export type * from './order-facts.js';
