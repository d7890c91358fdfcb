import type { HoldPolicy } from './hold-policy.js';

/**
 * Units sold per day of each item at a location (DESIGN's velocity), for the items asked; an
 * item missing from the map has no recorded sales there. Injected into the hold service, so the
 * policy does not depend on how velocity is stored.
 */
export type VelocityLookup = (
  locationHandle: string,
  itemIds: readonly string[],
) => Promise<Map<string, number>>;

/**
 * Which items a location offers holds on. Nothing listed: every item. Otherwise an item
 * qualifies by any one of: its category is listed, one of its tags is listed (compared as
 * Shopify does, trimmed and ignoring case), or it sells at least `minUnitsPerDay` there.
 */
export interface HoldSelection {
  categories: readonly string[];
  tags: readonly string[];
  minUnitsPerDay: number | null;
}

/** What the policy needs to know about one item at one location. */
export interface ItemHoldFacts {
  category: string | null;
  tags: readonly string[];
  /** Null when the selection has no velocity threshold (nobody looked it up). */
  unitsPerDay: number | null;
}

export type IneligibleReason = 'holds_off_at_location' | 'not_selected';

export interface IneligibleLine {
  item: string;
  location: string;
  reason: IneligibleReason;
  /** In words: what the policy asks for and what the item has. */
  why: string;
}

export function selectionAt(policy: HoldPolicy, locationHandle: string): HoldSelection {
  const own = policy.locations[locationHandle] ?? {};
  return {
    categories: policy.categories,
    tags: own.tags ?? policy.tags,
    minUnitsPerDay: own.minUnitsPerDay ?? policy.minUnitsPerDay ?? null,
  };
}

export function selectsEveryItem(selection: HoldSelection): boolean {
  return (
    selection.categories.length === 0 &&
    selection.tags.length === 0 &&
    selection.minUnitsPerDay === null
  );
}

/** Whether the category or a tag qualifies the item, before any velocity is looked up. */
export function selectedWithoutVelocity(selection: HoldSelection, item: ItemHoldFacts): boolean {
  if (selectsEveryItem(selection)) return true;
  if (item.category !== null && selection.categories.includes(item.category)) return true;
  const wanted = new Set(selection.tags.map(normalTag));
  return item.tags.some((tag) => wanted.has(normalTag(tag)));
}

/** Null when the item may be held there; otherwise why not, in words a store can act on. */
export function whyNotHeld(
  selection: HoldSelection,
  item: ItemHoldFacts,
): { reason: IneligibleReason; why: string } | null {
  if (selectedWithoutVelocity(selection, item)) return null;
  const { minUnitsPerDay } = selection;
  if (minUnitsPerDay !== null && (item.unitsPerDay ?? 0) >= minUnitsPerDay) return null;

  const asks: string[] = [];
  if (selection.categories.length > 0)
    asks.push(`a category of ${selection.categories.join(', ')}`);
  if (selection.tags.length > 0) asks.push(`a tag of ${selection.tags.join(', ')}`);
  if (minUnitsPerDay !== null) asks.push(`at least ${minUnitsPerDay} units/day sold`);
  const has = [
    `category ${item.category ?? 'none'}`,
    `tags ${item.tags.length > 0 ? item.tags.join(', ') : 'none'}`,
    ...(minUnitsPerDay !== null ? [`${round(item.unitsPerDay ?? 0)} units/day`] : []),
  ];
  return {
    reason: 'not_selected',
    why: `holds need ${asks.join(' or ')}; it has ${has.join(', ')}`,
  };
}

/** Tags as stored on an item (a JSON array); anything else reads as no tags. */
export function parseItemTags(stored: string | null | undefined): string[] {
  if (!stored) return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

function normalTag(tag: string): string {
  return tag.trim().toLowerCase();
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
