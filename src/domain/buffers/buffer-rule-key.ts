import type { BufferPolicy } from './buffer-policy-schema.js';
import type { BufferRuleScope } from './buffer-rules-schema.js';

/**
 * A string that changes when the matched rule changes or its settings are edited, for
 * `shouldChangeBuffer`. Keys are sorted so two equal policies written in a different order
 * give the same key.
 */
export function bufferRuleKey(rule: {
  scope: BufferRuleScope;
  id: string;
  policy: BufferPolicy;
}): string {
  return `${rule.scope}:${rule.id}:${stableJson(rule.policy)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, field]) => `${JSON.stringify(name)}:${stableJson(field)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
