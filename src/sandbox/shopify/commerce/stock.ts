import { levelPayload } from '../payloads/inventory-payloads.js';
import { applyDeltas } from '../state/inventory-level.js';
import type { LevelRecord, QuantityChange } from '../state/inventory-level.js';
import type { QuantityDeltas } from '../state/quantity-names.js';
import type { CommerceContext } from './commerce-context.js';
import type { MerchantAction } from './merchant-action.js';

/** The level, connecting it (with its `inventory_levels/connect`) when the item was not stocked. */
export function ensureLevel(
  ctx: CommerceContext,
  action: MerchantAction,
  inventoryItemId: string,
  locationId: string,
): LevelRecord {
  const existing = ctx.state.level(inventoryItemId, locationId);
  if (existing) return existing;

  const level = ctx.state.connect(inventoryItemId, locationId, action.at);
  action.emitSnapshot('inventory_levels/connect', () =>
    levelPayload(level, ctx.state.items.get(inventoryItemId), ctx.payloads),
  );
  return level;
}

/** Changes stock of a tracked item; Shopify keeps no counts for an untracked one. */
export function changeStock(
  ctx: CommerceContext,
  action: MerchantAction,
  inventoryItemId: string,
  locationId: string,
  deltas: QuantityDeltas,
): QuantityChange[] {
  const item = ctx.state.requireItem(inventoryItemId);
  if (!item.tracked) return [];

  const level = ensureLevel(ctx, action, inventoryItemId, locationId);
  const changes = applyDeltas(level, deltas, action.at);
  action.noteChanges(level, changes);
  return changes;
}
