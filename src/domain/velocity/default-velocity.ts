import type { VelocityDefaults, VelocitySource } from './velocity.js';

/** A stand-in velocity, which one it is, and a phrase saying so. */
export interface DefaultVelocity {
  unitsPerDay: number;
  source: Exclude<VelocitySource, 'history'>;
  description: string;
}

/** Picks the category average, else the chain average, else the configured floor. */
export function defaultVelocity(defaults: VelocityDefaults): DefaultVelocity {
  const category = defaults.categoryAverageUnitsPerDay;
  if (isUsable(category)) {
    return {
      unitsPerDay: category,
      source: 'category_default',
      description: `the category average of ${formatRate(category)}`,
    };
  }

  const chain = defaults.chainAverageUnitsPerDay;
  if (isUsable(chain)) {
    return {
      unitsPerDay: chain,
      source: 'chain_default',
      description: `the chain average of ${formatRate(chain)} (no category average)`,
    };
  }

  return {
    unitsPerDay: defaults.floorUnitsPerDay,
    source: 'floor',
    description:
      `the floor of ${formatRate(defaults.floorUnitsPerDay)} ` + '(no category or chain average)',
  };
}

function isUsable(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Rounds for people, not for arithmetic: "2.33 units/day". */
export function formatRate(unitsPerDay: number): string {
  return `${formatQuantity(unitsPerDay)} units/day`;
}

export function formatQuantity(value: number): string {
  return String(Math.round(value * 100) / 100);
}
