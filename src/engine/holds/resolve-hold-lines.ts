import { CompiledQuery } from 'kysely';
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
  const known = await lookUpCatalogue(storage, lines);
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

interface CatalogueItem {
  id: string;
  sku: string | null;
  category: string | null;
  tags: string;
}

interface CatalogueRow extends CatalogueItem {
  kind: 'item' | 'location';
  location_kind: string | null;
}

/**
 * The items the lines name (by id or SKU, deleted ones left out) and their locations, in one
 * query for the whole request: a round trip per line and table made the lookup cost more than
 * the hold itself on PostgreSQL. The SQL is written out, not built: building and compiling it
 * with the query builder took three times as long as running it on SQLite (about 30 µs against
 * 10 µs), the largest cost of `POST /v1/holds` outside the hold's own transaction.
 */
async function lookUpCatalogue(
  storage: Storage,
  lines: readonly HoldLineInput[],
): Promise<{ items: CatalogueItem[]; locations: Map<string, string> }> {
  const ids = unique(lines.flatMap((line) => (line.item !== undefined ? [line.item] : [])));
  const skus = unique(lines.flatMap((line) => (line.sku !== undefined ? [line.sku] : [])));
  const handles = unique(lines.map((line) => line.location));

  const query =
    storage.dialect === 'postgres'
      ? CompiledQuery.raw(POSTGRES_CATALOGUE, [ids, skus, handles])
      : sqliteCatalogueQuery(ids, skus, handles);
  const { rows } = await storage.db.executeQuery(query as CompiledQuery<CatalogueRow>);

  const items: CatalogueItem[] = [];
  const locations = new Map<string, string>();
  for (const row of rows) {
    if (row.kind === 'item') items.push(row);
    else locations.set(row.id, row.location_kind ?? '');
  }
  return { items, locations };
}

const ITEMS_PART = `SELECT 'item' AS kind, id, sku, category, tags, NULL AS location_kind
  FROM items WHERE deleted_at IS NULL`;
const LOCATIONS_PART = `SELECT 'location', handle, NULL, NULL, '', kind FROM locations`;

/** One text for any number of lines: each list is one array parameter. */
const POSTGRES_CATALOGUE = `${ITEMS_PART} AND (id = ANY($1) OR sku = ANY($2))
UNION ALL ${LOCATIONS_PART} WHERE handle = ANY($3)`;

/** SQLite texts by the padded sizes of their lists: 8 sizes up to 128 values each. */
const sqliteTexts = new Map<string, string>();

/**
 * SQLite has no array parameter, so the lists go in as `IN (?, ...)`. Each is padded with
 * NULLs to a power of two, which `IN` never matches, so a handful of texts serve every
 * request and each stays prepared in the storage's statement cache.
 */
function sqliteCatalogueQuery(
  ids: readonly string[],
  skus: readonly string[],
  handles: readonly string[],
): CompiledQuery {
  const padded = [
    paddedToPowerOfTwo(ids),
    paddedToPowerOfTwo(skus),
    paddedToPowerOfTwo(handles),
  ] as const;
  const key = padded.map((list) => list.length).join(',');

  let text = sqliteTexts.get(key);
  if (text === undefined) {
    const [id, sku, handle] = padded.map((list) => list.map(() => '?').join(', '));
    text = `${ITEMS_PART} AND (id IN (${id}) OR sku IN (${sku}))
UNION ALL ${LOCATIONS_PART} WHERE handle IN (${handle})`;
    sqliteTexts.set(key, text);
  }
  return CompiledQuery.raw(text, padded.flat());
}

/** The list with NULLs after it, to the next power of two (at least one). */
function paddedToPowerOfTwo(values: readonly string[]): (string | null)[] {
  let size = 1;
  while (size < values.length) size *= 2;
  const list: (string | null)[] = [...values];
  while (list.length < size) list.push(null);
  return list;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
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
