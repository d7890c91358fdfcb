import { toGid } from '../../shared/shopify-gid.js';

export interface MoveContext {
  itemId: string;
  locationHandle: string;
  shopifyItemId: string;
  shopifyLocationId: string;
  outboxVersion: number;
  /** The one hold whose change this move carries, when exactly one hold changed (see below). */
  holdId?: string | null;
}

export interface FreshStates {
  available: number;
  safety_stock: number;
  reserved: number;
}

/** One planned move of trueshelf's own units between `available` and one other state. */
export interface PlannedMove {
  state: 'safety_stock' | 'reserved';
  /** Positive: available → state; negative: state → available. */
  units: number;
  input: Record<string, unknown>;
}

/** Stable per level: the units trueshelf keeps back in `safety_stock` there. */
export function bufferLedgerUri(ctx: MoveContext): string {
  return `trueshelf://buffer/${encodeURIComponent(ctx.locationHandle)}/${encodeURIComponent(ctx.itemId)}`;
}

/**
 * The `reserved` side's document: the hold itself when the move carries one hold's change
 * (placed, released, expired, checked out); the level's holds as a whole when several holds net
 * into one move, because the outbox keeps only the latest target per level and Shopify sees the
 * net gap, so no single hold owns those units.
 */
export function holdsLedgerUri(ctx: MoveContext): string {
  if (ctx.holdId) return `trueshelf://holds/${encodeURIComponent(ctx.holdId)}`;
  return `trueshelf://holds/${encodeURIComponent(ctx.locationHandle)}/${encodeURIComponent(ctx.itemId)}`;
}

/**
 * The `inventoryMoveQuantities` input for one gap, with `changeFromQuantity` on both sides from
 * the fresh read (so a change in between is refused, not overwritten), `reason`, a
 * `referenceDocumentUri` naming the outbox row and a stable `ledgerDocumentUri` on the
 * non-available side (Shopify requires one for every state but `available`).
 */
export function planMove(
  ctx: MoveContext,
  state: 'safety_stock' | 'reserved',
  units: number,
  fresh: FreshStates,
): PlannedMove {
  const ledgerDocumentUri = state === 'safety_stock' ? bufferLedgerUri(ctx) : holdsLedgerUri(ctx);
  const locationId = toGid('Location', ctx.shopifyLocationId);
  const availableSide = { locationId, name: 'available', changeFromQuantity: fresh.available };
  const stateSide = {
    locationId,
    name: state,
    ledgerDocumentUri,
    changeFromQuantity: fresh[state],
  };
  const toState = units > 0;

  return {
    state,
    units,
    input: {
      reason:
        state === 'safety_stock'
          ? 'safety_stock'
          : toState
            ? 'reservation_created'
            : 'reservation_deleted',
      referenceDocumentUri: `trueshelf://outbox/shopify/${encodeURIComponent(ctx.locationHandle)}/${encodeURIComponent(ctx.itemId)}/v${ctx.outboxVersion}`,
      changes: [
        {
          inventoryItemId: toGid('InventoryItem', ctx.shopifyItemId),
          quantity: Math.abs(units),
          from: toState ? availableSide : stateSide,
          to: toState ? stateSide : availableSide,
        },
      ],
    },
  };
}
