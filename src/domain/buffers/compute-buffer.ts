import type { VelocitySource } from '../velocity/velocity.js';
import { bufferRuleKey } from './buffer-rule-key.js';
import type { BufferPolicy } from './buffer-policy-schema.js';
import type { BufferRules } from './buffer-rules-schema.js';
import type { BufferRuleRef, BufferTarget } from './resolve-buffer-rule.js';
import { resolveBufferRule } from './resolve-buffer-rule.js';
import type { LossObservation, RiskBuffer } from './risk-buffer.js';
import { riskBuffer } from './risk-buffer.js';
import type { TieredBuffer } from './tiered-buffer.js';
import { tieredBuffer } from './tiered-buffer.js';

/** The velocity a buffer is derived from, with where it came from. */
export interface BufferVelocity {
  unitsPerDay: number;
  source: VelocitySource;
}

export interface BufferInput {
  rules: BufferRules;
  target: BufferTarget;
  /** Null when the location has no velocity (no time zone); a fixed rule still applies. */
  velocity: BufferVelocity | null;
  /** The store's own shrink and count figures, for risk mode. */
  observedLoss?: LossObservation | null;
}

/** Everything that went into a buffer, for the explain endpoint and the preview. */
export interface BufferExplanationInputs {
  target: BufferTarget;
  velocity: BufferVelocity | null;
  policy: BufferPolicy;
  outranked: BufferRuleRef[];
  tiered: TieredBuffer | null;
  risk: RiskBuffer | null;
}

/** Which rule set the buffer, a sentence saying why and how, and the inputs. */
export interface BufferExplanation {
  rule: BufferRuleRef;
  reason: string;
  inputs: BufferExplanationInputs;
}

export type BufferDecision =
  | { ok: true; bufferUnits: number; ruleKey: string; explanation: BufferExplanation }
  | { ok: false; reason: 'velocity_unavailable'; ruleKey: string; explanation: BufferExplanation };

/** The buffer for one item at one location: the matching rule, then its policy. */
export function computeBuffer(input: BufferInput): BufferDecision {
  const matched = resolveBufferRule(input.rules, input.target);
  const { policy } = matched;
  const ruleKey = bufferRuleKey(matched);
  const explain = (detail: string, tiered: TieredBuffer | null, risk: RiskBuffer | null) => ({
    rule: { scope: matched.scope, id: matched.id },
    reason: `${matched.reason}; ${detail}`,
    inputs: {
      target: input.target,
      velocity: input.velocity,
      policy,
      outranked: matched.outranked,
      tiered,
      risk,
    },
  });

  if (policy.kind === 'fixed') {
    return {
      ok: true,
      bufferUnits: policy.units,
      ruleKey,
      explanation: explain(`fixed at ${policy.units} units`, null, null),
    };
  }
  const velocity = input.velocity;
  if (velocity === null) {
    const detail = `its ${policy.kind} policy needs a velocity and the location has none`;
    return {
      ok: false,
      reason: 'velocity_unavailable',
      ruleKey,
      explanation: explain(detail, null, null),
    };
  }

  if (policy.kind === 'tiered') {
    const tiered = tieredBuffer(velocity.unitsPerDay, policy);
    return {
      ok: true,
      bufferUnits: tiered.units,
      ruleKey,
      explanation: explain(describeTiered(velocity, tiered), tiered, null),
    };
  }

  const risk = riskBuffer(velocity.unitsPerDay, policy, input.observedLoss ?? null);
  return {
    ok: true,
    bufferUnits: risk.units,
    ruleKey,
    explanation: explain(describeRisk(velocity, risk), null, risk),
  };
}

function describeTiered(velocity: BufferVelocity, tiered: TieredBuffer): string {
  const { band } = tiered;
  const rate = `${round(velocity.unitsPerDay)} units/day (${velocity.source})`;
  const formula =
    band.daysOfCover === undefined
      ? `${band.bufferUnits}`
      : `max(${band.bufferUnits}, ceil(${round(velocity.unitsPerDay)} × ` +
        `${band.daysOfCover} days of cover))`;
  return (
    `${rate} falls in the band from ${band.fromUnitsPerDay} units/day: ` +
    `${formula} = ${tiered.uncappedUnits} units${describeCap(tiered.capApplied, tiered.units)}`
  );
}

function describeRisk(velocity: BufferVelocity, risk: RiskBuffer): string {
  return (
    `risk mode at ${round(velocity.unitsPerDay)} units/day (${velocity.source}) over ` +
    `${round(risk.windowDays * 24)} h of exposure: expected loss ` +
    `${round(risk.demandMean + risk.shrinkMean + risk.ghostUnitsMean)} units; ` +
    `${risk.uncappedUnits} units keep the chance of a broken promise at or under ` +
    `${percent(risk.targetShortfallProbability)}${describeCap(risk.capApplied, risk.units)}; ` +
    `chance at ${risk.units} units: ${percent(risk.shortfallProbability)}`
  );
}

function describeCap(cap: 'min' | 'max' | null, units: number): string {
  if (cap === 'min') return `, raised to the minimum of ${units}`;
  if (cap === 'max') return `, cut to the maximum of ${units}`;
  return '';
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function percent(probability: number): string {
  return `${Math.round(probability * 10_000) / 100}%`;
}
