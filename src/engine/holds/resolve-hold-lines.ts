import type { HoldLineRequest } from '../../domain/holds/hold-demand.js';
import { itemMayBeHeld, policyAt, policyForLocations } from '../../domain/holds/hold-policy.js';
import type { HoldPolicy, LocationHoldPolicy } from '../../domain/holds/hold-policy.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import type { HoldsDb } from './holds-database.js';

/** A line as the API takes it: an item id or a SKU, a location handle, a quantity. */
export interface HoldLineInput {
  item?: string | undefined;
  sku?: string | undefined;
  location: string;
  quantity: number;
}

/**
 * Turns the request's lines into item ids and location handles, and checks the policy: an
 * unknown item, SKU or location is a 404, a SKU shared by several items a 409 (name the item),
 * an item or location the policy keeps out of holds a 409 `conflict`. Returns the lines and the
 * policy that binds them all (the shortest TTLs of their locations).
 */
export async function resolveHoldLines(
  db: HoldsDb,
  lines: readonly HoldLineInput[],
  policy: HoldPolicy,
): Promise<{ lines: HoldLineRequest[]; policy: LocationHoldPolicy }> {
  const resolved: HoldLineRequest[] = [];

  for (const [index, line] of lines.entries()) {
    const item = await findItem(db, line, index);
    const location = await findLocation(db, line.location, index);
    const atLocation = policyAt(policy, location);

    if (!atLocation.enabled || !itemMayBeHeld(policy, item.category)) {
      throw new TrueshelfError(
        'conflict',
        `holds are not offered for ${item.id} at ${location} (lines[${index}])`,
        {
          field: `lines.${index}`,
          seen: { item: item.id, category: item.category, location },
          expected: atLocation.enabled
            ? `an item in one of the categories ${policy.categories.join(', ')}`
            : 'a location where holds are enabled',
        },
      );
    }
    resolved.push({ itemId: item.id, locationHandle: location, quantity: line.quantity });
  }

  const locations = resolved.map((line) => line.locationHandle);
  return { lines: resolved, policy: policyForLocations(policy, locations) };
}

async function findItem(db: HoldsDb, line: HoldLineInput, index: number) {
  const query = db
    .selectFrom('items')
    .select(['id', 'category'])
    .where('deleted_at', 'is', null)
    .limit(2);
  const rows =
    line.item !== undefined
      ? await query.where('id', '=', line.item).execute()
      : await query.where('sku', '=', line.sku ?? '').execute();

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

async function findLocation(db: HoldsDb, handle: string, index: number): Promise<string> {
  const row = await db
    .selectFrom('locations')
    .select(['handle', 'kind'])
    .where('handle', '=', handle)
    .executeTakeFirst();
  if (!row) {
    throw new TrueshelfError('unknown_location', `no location "${handle}" (lines[${index}])`, {
      field: `lines.${index}.location`,
      seen: handle,
      expected: 'a handle listed by GET /v1/locations',
    });
  }
  if (row.kind !== 'store') {
    throw new TrueshelfError('conflict', `"${handle}" is a ${row.kind}; holds are at stores`, {
      field: `lines.${index}.location`,
      seen: row.kind,
      expected: 'a store',
    });
  }
  return row.handle;
}
