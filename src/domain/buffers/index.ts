export type { CappedUnits } from './apply-caps.js';
export { applyCaps, ceilUnits } from './apply-caps.js';
export type { BufferErrorCode } from './buffer-error.js';
export { BufferError } from './buffer-error.js';
export type {
  BufferPolicy,
  FixedPolicy,
  RiskPolicy,
  TieredBand,
  TieredPolicy,
} from './buffer-policy-schema.js';
export {
  bufferPolicySchema,
  fixedPolicySchema,
  riskPolicySchema,
  tieredBandSchema,
  tieredPolicySchema,
} from './buffer-policy-schema.js';
export { bufferRuleKey } from './buffer-rule-key.js';
export type {
  BufferRule,
  BufferRules,
  BufferRulesFile,
  BufferRuleScope,
} from './buffer-rules-schema.js';
export {
  BUFFER_RULE_SCOPES,
  bufferRuleSchema,
  bufferRulesSchema,
  derivedRuleId,
} from './buffer-rules-schema.js';
export type {
  ChannelPolicies,
  ChannelPolicy,
  ChannelPolicyStep,
  ChannelQuantity,
} from './channel-policy.js';
export {
  applyChannelPolicy,
  channelPolicySchema,
  stricterChannelPolicy,
} from './channel-policy.js';
export type {
  BufferDecision,
  BufferExplanation,
  BufferExplanationInputs,
  BufferInput,
  BufferVelocity,
} from './compute-buffer.js';
export { computeBuffer } from './compute-buffer.js';
export {
  convolve,
  negativeBinomialPmf,
  poissonPmf,
  smallestCoveringUnits,
  tailAbove,
} from './loss-distribution.js';
export type { BufferRulesIssue, BufferRulesParse } from './parse-buffer-rules.js';
export { formatPath, parseBufferRules, parseBufferRulesText } from './parse-buffer-rules.js';
export type { BufferRuleRef, BufferTarget, MatchedBufferRule } from './resolve-buffer-rule.js';
export { resolveBufferRule, scopeLabel } from './resolve-buffer-rule.js';
export type { GhostUnitsModel, LossObservation, RiskBuffer } from './risk-buffer.js';
export { riskBuffer } from './risk-buffer.js';
export type { CountedLevel, StoreLossFigures } from './store-loss-figures.js';
export { storeLossFigures } from './store-loss-figures.js';
export type {
  BufferBasis,
  BufferChange,
  BufferChangeReason,
  HysteresisPolicy,
} from './should-change-buffer.js';
export { hysteresisPolicySchema, shouldChangeBuffer } from './should-change-buffer.js';
export type { TieredBuffer } from './tiered-buffer.js';
export { tieredBuffer } from './tiered-buffer.js';
