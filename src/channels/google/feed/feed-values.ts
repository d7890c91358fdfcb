import type { LocalAvailability, PickupMethod, PickupSla } from '../local-inventory-row.js';

/*
 * How the local inventory file spells the API's enums (research/google.md §2). Availability takes
 * the underscore form that real feeds (Wix, Uysal) use and Google accepts; pickup values are the
 * spaced forms of the spec. Reading accepts either spelling and any case.
 */
export const feedAvailability: Readonly<Record<LocalAvailability, string>> = {
  IN_STOCK: 'in_stock',
  LIMITED_AVAILABILITY: 'limited_availability',
  ON_DISPLAY_TO_ORDER: 'on_display_to_order',
  OUT_OF_STOCK: 'out_of_stock',
};

export const feedPickupMethod: Readonly<Record<PickupMethod, string>> = {
  BUY: 'buy',
  RESERVE: 'reserve',
  SHIP_TO_STORE: 'ship to store',
  NOT_SUPPORTED: 'not supported',
};

export const feedPickupSla: Readonly<Record<PickupSla, string>> = {
  SAME_DAY: 'same day',
  NEXT_DAY: 'next day',
  TWO_DAY: '2-day',
  THREE_DAY: '3-day',
  FOUR_DAY: '4-day',
  FIVE_DAY: '5-day',
  SIX_DAY: '6-day',
  SEVEN_DAY: '7-day',
  MULTI_WEEK: 'multi-week',
};

export function availabilityFromFeed(text: string): LocalAvailability | null {
  return fromFeed(feedAvailability, text);
}

export function pickupMethodFromFeed(text: string): PickupMethod | null {
  return fromFeed(feedPickupMethod, text);
}

export function pickupSlaFromFeed(text: string): PickupSla | null {
  return fromFeed(feedPickupSla, text);
}

function fromFeed<T extends string>(spelled: Readonly<Record<T, string>>, text: string): T | null {
  const wanted = normalise(text);
  for (const [name, value] of Object.entries(spelled) as [T, string][]) {
    if (normalise(value) === wanted || normalise(name) === wanted) return name;
  }
  return null;
}

function normalise(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
}
