import type { BufferPolicy } from './buffer-policy-schema.js';
import type { BufferRule, BufferRules, BufferRuleScope } from './buffer-rules-schema.js';

/** The item at the location a buffer is for, as the rules name them. */
export interface BufferTarget {
  item: string;
  location: string;
  category: string | null;
}

export interface BufferRuleRef {
  scope: BufferRuleScope;
  id: string;
}

/** The rule that applies, the lower rules it outranked, and a sentence saying so. */
export interface MatchedBufferRule extends BufferRuleRef {
  policy: BufferPolicy;
  outranked: BufferRuleRef[];
  reason: string;
}

interface RuleIndex {
  itemAtLocation: Map<string, BufferRule>;
  item: Map<string, BufferRule>;
  category: Map<string, BufferRule>;
  location: Map<string, BufferRule>;
}

// Rules are frozen config read for every level, so each rules object is indexed once.
const indexes = new WeakMap<BufferRules, RuleIndex>();

/**
 * The rule for one item at one location. Precedence, most specific first: item at location >
 * item > category > location > chain default; the first match wins and nothing stacks.
 */
export function resolveBufferRule(rules: BufferRules, target: BufferTarget): MatchedBufferRule {
  const index = indexFor(rules);
  const candidates = [
    index.itemAtLocation.get(pairKey(target.item, target.location)),
    index.item.get(target.item),
    target.category === null ? undefined : index.category.get(target.category),
    index.location.get(target.location),
  ].filter((rule): rule is BufferRule => rule !== undefined);

  const [winner, ...rest] = candidates;
  if (winner === undefined) {
    const reason =
      `no item, category or location rule matches ${describeTarget(target)}; ` +
      `the chain default '${rules.chainDefault.id}' applies`;
    return {
      scope: 'chain',
      id: rules.chainDefault.id,
      policy: rules.chainDefault.policy,
      outranked: [],
      reason,
    };
  }

  // The chain default always matches, so a winning rule always outranks it.
  const outranked: BufferRuleRef[] = [
    ...rest.map((rule) => ({ scope: rule.scope, id: rule.id })),
    { scope: 'chain', id: rules.chainDefault.id },
  ];
  const others = outranked.map((rule) => `${scopeLabel(rule.scope)} '${rule.id}'`).join(', ');
  const reason =
    `${scopeLabel(winner.scope)} rule '${winner.id}' matches ${describeTarget(target)}` +
    `; it outranks ${others}`;
  return { scope: winner.scope, id: winner.id, policy: winner.policy, outranked, reason };
}

/** How a scope reads in a sentence: `item_at_location` → "item-at-location". */
export function scopeLabel(scope: BufferRuleScope): string {
  return scope.replaceAll('_', '-');
}

function describeTarget(target: BufferTarget): string {
  const category = target.category === null ? 'no category' : `category '${target.category}'`;
  return `item '${target.item}' (${category}) at location '${target.location}'`;
}

function pairKey(item: string, location: string): string {
  return `${item}\u0000${location}`;
}

function indexFor(rules: BufferRules): RuleIndex {
  const known = indexes.get(rules);
  if (known) return known;

  const index: RuleIndex = {
    itemAtLocation: new Map(),
    item: new Map(),
    category: new Map(),
    location: new Map(),
  };
  // Keep the first rule per target, so even an unvalidated list honours "first match wins".
  const keep = (map: Map<string, BufferRule>, key: string, rule: BufferRule) => {
    if (!map.has(key)) map.set(key, rule);
  };
  for (const rule of rules.rules) {
    if (rule.scope === 'item_at_location')
      keep(index.itemAtLocation, pairKey(rule.item, rule.location), rule);
    else if (rule.scope === 'item') keep(index.item, rule.item, rule);
    else if (rule.scope === 'category') keep(index.category, rule.category, rule);
    else keep(index.location, rule.location, rule);
  }
  indexes.set(rules, index);
  return index;
}
