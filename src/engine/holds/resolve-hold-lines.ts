import type { HoldLineRequest } from '../../domain/holds/hold-demand.js';
import {
  parseItemTags,
  selectedWithoutVelocity,
  selectionAt,
  whyNotHeld,
} from '../../domain/holds/hold-eligibility.js';
import type {
  HoldSelection,
  IneligibleLine,
  ItemHoldFacts,
  VelocityLookup,
} from '../../domain/holds/hold-eligibility.js';
import { policyAt, policyForLocations } from '../../domain/holds/hold-policy.js';
import type { HoldPolicy, LocationHoldPolicy } from '../../domain/holds/hold-policy.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import type { Storage } from '../../storage/storage.js';
import { CatalogueLookups } from './catalogue-lookups.js';
import type { CatalogueItem } from './catalogue-lookups.js';

/** A line as the API takes it: an item id or a SKU, a location handle, a quantity. */
export interface HoldLineInput {
  item?: string | undefined;
  sku?: string | undefined;
  location: string;
  quantity: number;
}

export interface ResolvedHoldLines {
  lines: HoldLineRequest[];
  /** Each line's item's SKU (null without one), by item id: the answer names them. */
  skus: Map<string, string | null>;
  /** The policy that binds them all (the shortest TTLs of their locations). */
  policy: LocationHoldPolicy;
  /** Lines the policy offers no hold for, each with why; empty when all may be held. */
  ineligible: IneligibleLine[];
}

interface ResolvedLine extends HoldLineRequest {
  sku: string | null;
  facts: ItemHoldFacts;
  selection: HoldSelection;
  enabled: boolean;
}

/**
 * Turns the request's lines into item ids and location handles, and checks the policy. An
 * unknown item, SKU or location is a 404, a SKU shared by several items a 409 (name the item),
 * a warehouse a 409 `conflict`: faults of the request. A line the policy keeps out of holds
 * (holds off at its store, or an item neither tagged, nor in a listed category, nor selling
 * fast enough there) is an expected outcome, returned in `ineligible`. Velocity is looked up
 * once per location, only for the items that a category or tag did not already qualify.
 */
export async function resolveHoldLines(
  storage: Storage,
  lines: readonly HoldLineInput[],
  policy: HoldPolicy,
  velocity?: VelocityLookup,
): Promise<ResolvedHoldLines> {
  const known = await CatalogueLookups.of(storage).lookUp(lines);
  const resolved: ResolvedLine[] = [];
  for (const [index, line] of lines.entries()) {
    const item = findItem(known.items, line, index);
    const location = findLocation(known.locations, line.location, index);
    resolved.push({
      itemId: item.id,
      locationHandle: location,
      quantity: line.quantity,
      sku: item.sku,
      facts: { category: item.category, tags: parseItemTags(item.tags), unitsPerDay: null },
      selection: selectionAt(policy, location),
      enabled: policyAt(policy, location).enabled,
    });
  }

  await lookUpVelocity(resolved, velocity);

  const ineligible: IneligibleLine[] = [];
  for (const line of resolved) {
    const item = line.itemId;
    const location = line.locationHandle;
    if (!line.enabled) {
      const why = `holds are turned off at ${location}`;
      ineligible.push({ item, location, reason: 'holds_off_at_location', why });
      continue;
    }
    const refusal = whyNotHeld(line.selection, line.facts);
    if (refusal) ineligible.push({ item, location, ...refusal });
  }

  return {
    lines: resolved.map(({ itemId, locationHandle, quantity }) => ({
      itemId,
      locationHandle,
      quantity,
    })),
    skus: new Map(resolved.map((line) => [line.itemId, line.sku])),
    policy: policyForLocations(
      policy,
      resolved.map((line) => line.locationHandle),
    ),
    ineligible,
  };
}

/** Fills `unitsPerDay` of each line whose location asks for fast sellers and whose item needs it. */
async function lookUpVelocity(
  lines: readonly ResolvedLine[],
  velocity: VelocityLookup | undefined,
): Promise<void> {
  const byLocation = new Map<string, ResolvedLine[]>();
  for (const line of lines) {
    if (!line.enabled || line.selection.minUnitsPerDay === null) continue;
    if (selectedWithoutVelocity(line.selection, line.facts)) continue;
    byLocation.set(line.locationHandle, [...(byLocation.get(line.locationHandle) ?? []), line]);
  }
  if (byLocation.size === 0) return;
  if (!velocity) {
    throw new TrueshelfError(
      'config_invalid',
      'holds.minUnitsPerDay is set, but this instance has no velocity store to read it from',
      { setting: 'holds.minUnitsPerDay', expected: 'a velocity lookup wired into the holds' },
    );
  }

  for (const [location, waiting] of byLocation) {
    const itemIds = [...new Set(waiting.map((line) => line.itemId))];
    const unitsPerDay = await velocity(location, itemIds);
    for (const line of waiting) line.facts.unitsPerDay = unitsPerDay.get(line.itemId) ?? 0;
  }
}

function findItem(items: readonly CatalogueItem[], line: HoldLineInput, index: number) {
  const rows =
    line.item !== undefined
      ? items.filter((item) => item.id === line.item)
      : items.filter((item) => item.sku === line.sku);

  const named = line.item !== undefined ? `item "${line.item}"` : `SKU "${line.sku ?? ''}"`;
  if (rows.length > 1) {
    throw new TrueshelfError('ambiguous_sku', `${named} (lines[${index}]) matches several items`, {
      field: `lines.${index}.sku`,
      seen: line.sku,
      expected: 'an item id from GET /v1/items?sku=',
    });
  }
  const [row] = rows;
  if (!row) {
    throw new TrueshelfError('unknown_item', `no ${named} (lines[${index}])`, {
      field: `lines.${index}.${line.item !== undefined ? 'item' : 'sku'}`,
      seen: line.item ?? line.sku,
      expected: 'an item id or SKU listed by GET /v1/items',
    });
  }
  return row;
}

function findLocation(locations: ReadonlyMap<string, string>, handle: string, index: number) {
  const kind = locations.get(handle);
  if (kind === undefined) {
    throw new TrueshelfError('unknown_location', `no location "${handle}" (lines[${index}])`, {
      field: `lines.${index}.location`,
      seen: handle,
      expected: 'a handle listed by GET /v1/locations',
    });
  }
  if (kind !== 'store') {
    throw new TrueshelfError('conflict', `"${handle}" is a ${kind}; holds are at stores`, {
      field: `lines.${index}.location`,
      seen: kind,
      expected: 'a store',
    });
  }
  return handle;
}
