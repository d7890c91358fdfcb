import type { Selectable } from 'kysely';
import type { ChannelPolicy } from '../../domain/buffers/channel-policy.js';
import { applyChannelPolicy } from '../../domain/buffers/channel-policy.js';
import type { LevelTable } from '../../storage/database-schema.js';

/** A level row joined with its item's SKU and its decision (null before the first decision). */
export interface LevelRow extends Selectable<LevelTable> {
  sku: string | null;
  gross: number | null;
  buffer: number | null;
  held: number | null;
  sellable: number | null;
  computed_at: string | null;
}

export interface LevelView {
  itemId: string;
  sku: string | null;
  location: string;
  states: {
    onHand: number;
    available: number;
    committed: number;
    reserved: number;
    safetyStock: number;
    damaged: number;
    qualityControl: number;
    incoming: number;
  };
  placed: { safetyStock: number; reserved: number };
  gross: number | null;
  buffer: number | null;
  held: number | null;
  sellable: number | null;
  /** What the API channel shows: sellable after `channels.api` of the buffer rules. */
  shown: number | null;
  decidedAt: string | null;
  lastChangeAt: string | null;
  readAt: string | null;
}

/** `apiPolicy` is the API channel's policy ("zero at or below N", a cap); none shows sellable. */
export function levelView(row: LevelRow, apiPolicy: ChannelPolicy = {}): LevelView {
  return {
    itemId: row.item_id,
    sku: row.sku,
    location: row.location_handle,
    states: {
      onHand: row.on_hand,
      available: row.available,
      committed: row.committed,
      reserved: row.reserved,
      safetyStock: row.safety_stock,
      damaged: row.damaged,
      qualityControl: row.quality_control,
      incoming: row.incoming,
    },
    placed: { safetyStock: row.placed_safety_stock, reserved: row.placed_reserved },
    gross: row.gross,
    buffer: row.buffer,
    held: row.held,
    sellable: row.sellable,
    shown: row.sellable === null ? null : applyChannelPolicy(row.sellable, apiPolicy).shown,
    decidedAt: row.computed_at,
    lastChangeAt: row.changed_at,
    readAt: row.read_at,
  };
}
