import type { LikelyCause } from './likely-cause.js';

/** A likely cause in words, for people (the HTML report, the CSV's causes column). */
export function describeCause(cause: LikelyCause): string {
  switch (cause.kind) {
    case 'no_sale_for_days':
      return `no sale for ${cause.daysWithoutSale} days at ${cause.velocityPerDay}/day (about ${cause.expectedUnits} units expected)`;
    case 'sold_below_zero':
      return `sold below zero ${cause.times} time${cause.times === 1 ? '' : 's'} (lowest available ${cause.lowestAvailable})`;
    case 'unexplained_adjustments':
      return `${cause.movements} unexplained adjustment${cause.movements === 1 ? '' : 's'} (net ${signed(cause.netUnits)})`;
    case 'short_picks':
      return `${cause.events} short pick${cause.events === 1 ? '' : 's'}`;
    case 'pickups_cancelled_for_inventory':
      return `${cause.events} pickup${cause.events === 1 ? '' : 's'} cancelled for inventory`;
  }
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}
