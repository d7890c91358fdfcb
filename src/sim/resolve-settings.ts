import { TrueshelfError } from '../shared/error-catalogue.js';
import type { PolicyName, SimulationOptions, SimulationSettings } from './simulation-options.js';
import { DEFAULT_SETTINGS, POLICY_NAMES } from './simulation-options.js';

/**
 * Fills in defaults and checks every setting. A bad setting is a fault of the caller (the CLI
 * parser reports them as typed results first), so it throws with the value and the range.
 */
export function resolveSettings(options: SimulationOptions): SimulationSettings {
  const d = DEFAULT_SETTINGS;
  const settings: SimulationSettings = {
    salesSource: typeof options.sales === 'string' ? options.sales : '(rows given in code)',
    stores: options.stores ? [...options.stores] : null,
    items: options.items ?? null,
    days: options.days ?? null,
    policies: options.policies ? [...options.policies] : [...d.policies],
    seed: options.seed ?? d.seed,
    onlineShare: options.onlineShare ?? d.onlineShare,
    pickupDelayHours: options.pickupDelayHours ?? d.pickupDelayHours,
    pickAfterHours: options.pickAfterHours ?? d.pickAfterHours,
    shrinkRate: options.shrinkRate ?? d.shrinkRate,
    misplacementRate: options.misplacementRate ?? d.misplacementRate,
    scanErrorRate: options.scanErrorRate ?? d.scanErrorRate,
    receivingErrorRate: options.receivingErrorRate ?? d.receivingErrorRate,
    openingHours: { ...d.openingHours, ...options.openingHours },
    replenishment: { ...d.replenishment, ...options.replenishment },
    cycleCountEveryDays: options.cycleCountEveryDays ?? d.cycleCountEveryDays,
    fullCountEveryDays: options.fullCountEveryDays ?? d.fullCountEveryDays,
    erpPushEveryMinutes: options.erpPushEveryMinutes ?? d.erpPushEveryMinutes,
    webhookDelaySeconds: options.webhookDelaySeconds ?? d.webhookDelaySeconds,
    holdTtlSeconds: 0,
    velocity: { ...d.velocity, ...options.velocity },
    buffer: options.buffer ?? { ...d.buffer },
    arrivals: options.arrivals ?? d.arrivals,
    holds: options.holds ?? d.holds,
  };
  // A hold outlives the pickup window by a day, so only a shopper who never came lets it lapse.
  settings.holdTtlSeconds = (settings.pickupDelayHours + 24) * 3600;

  check(settings);
  return settings;
}

function check(s: SimulationSettings): void {
  if (s.policies.length === 0) fail('policies', s.policies, 'at least one policy');
  for (const policy of s.policies) {
    if (!(POLICY_NAMES as readonly string[]).includes(policy)) {
      fail('policies', policy, `one of ${POLICY_NAMES.join(', ')}`);
    }
  }
  if (new Set<PolicyName>(s.policies).size !== s.policies.length) {
    fail('policies', s.policies, 'each policy once');
  }
  if (s.stores !== null && s.stores.length === 0) fail('stores', s.stores, 'at least one store');
  wholeAtLeast('items', s.items, 1, true);
  wholeAtLeast('days', s.days, 1, true);
  if (!Number.isSafeInteger(s.seed)) fail('seed', s.seed, 'a whole number');

  share('onlineShare', s.onlineShare);
  share('shrinkRate', s.shrinkRate);
  share('misplacementRate', s.misplacementRate);
  share('scanErrorRate', s.scanErrorRate);
  share('receivingErrorRate', s.receivingErrorRate);
  atLeast('pickupDelayHours', s.pickupDelayHours, 0);
  atLeast('pickAfterHours', s.pickAfterHours, 0);
  if (s.pickAfterHours > s.pickupDelayHours) {
    fail('pickAfterHours', s.pickAfterHours, `at most pickupDelayHours (${s.pickupDelayHours})`);
  }

  const { opensAtHour, closesAtHour } = s.openingHours;
  if (!(opensAtHour >= 1 && closesAtHour <= 24 && opensAtHour < closesAtHour)) {
    // Deliveries and counts happen in the hour before opening, so a store opens at 01:00 or later.
    fail('openingHours', `${opensAtHour}-${closesAtHour}`, 'hours with 1 ≤ opens < closes ≤ 24');
  }

  const r = s.replenishment;
  wholeAtLeast('replenishment.reviewPeriodDays', r.reviewPeriodDays, 1);
  wholeAtLeast('replenishment.leadTimeDays', r.leadTimeDays, 0);
  atLeast('replenishment.orderUpToDaysOfCover', r.orderUpToDaysOfCover, 0);
  wholeAtLeast('replenishment.minOrderUpToUnits', r.minOrderUpToUnits, 0);
  wholeAtLeast('replenishment.forecastDays', r.forecastDays, 1);
  wholeAtLeast('cycleCountEveryDays', s.cycleCountEveryDays, 1);
  wholeAtLeast('fullCountEveryDays', s.fullCountEveryDays, 0);
  atLeast('erpPushEveryMinutes', s.erpPushEveryMinutes, 1);
  atLeast('webhookDelaySeconds', s.webhookDelaySeconds, 0);

  const v = s.velocity;
  wholeAtLeast('velocity.windowDays', v.windowDays, 1);
  if (!(v.minCountedDays >= 0 && v.minCountedDays <= v.windowDays)) {
    fail('velocity.minCountedDays', v.minCountedDays, `within 0..windowDays (${v.windowDays})`);
  }
  atLeast('velocity.floorUnitsPerDay', v.floorUnitsPerDay, 0);
  wholeAtLeast('velocity.refreshEveryDays', v.refreshEveryDays, 1);
  if (s.buffer.kind === 'risk') {
    const target = s.buffer.targetShortfallProbability;
    if (!(target >= 1e-6 && target <= 0.5)) {
      fail('buffer.targetShortfallProbability', target, 'a probability within 0.000001..0.5');
    }
  }
  if (s.arrivals !== 'random' && s.arrivals !== 'even')
    fail('arrivals', s.arrivals, "'random' or 'even'");
  if (s.holds !== 'rules' && s.holds !== 'product') fail('holds', s.holds, "'rules' or 'product'");
}

function share(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) fail(name, value, 'a share within 0..1');
}

function atLeast(name: string, value: number, least: number): void {
  if (!(Number.isFinite(value) && value >= least)) fail(name, value, `a number ≥ ${least}`);
}

function wholeAtLeast(name: string, value: number | null, least: number, nullable = false): void {
  if (value === null && nullable) return;
  if (!(Number.isSafeInteger(value) && (value as number) >= least)) {
    fail(name, value, `a whole number ≥ ${least}`);
  }
}

function fail(setting: string, value: unknown, expected: string): never {
  const seen = JSON.stringify(value) ?? String(value);
  throw new TrueshelfError(
    'invalid_request',
    `simulation setting ${setting} is ${seen}; expected ${expected}`,
    { setting, value, expected },
  );
}
