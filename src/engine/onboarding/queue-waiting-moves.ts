import { sql } from 'kysely';
import type { Storage } from '../../storage/storage.js';
import { decideInChunks } from '../decision/decide-in-chunks.js';
import type { ChannelModes } from '../decision/refresh-decision.js';

/**
 * Queues the Shopify moves that decisions made in shadow left unsent: at a managed store now in
 * publish mode (the config's `mode` is written to the registry at start), every level whose
 * stored targets differ from what trueshelf placed, or that was never decided, is decided
 * again, which queues its move. Without this a store switched to publish placed its buffer and
 * holds item by item, as each next sold. Returns how many levels were decided.
 */
export async function queueWaitingMoves(
  storage: Storage,
  modes: ChannelModes,
  now: string,
): Promise<number> {
  if (modes.shopify !== 'publish') return 0;

  const waiting = await sql<{ itemId: string; locationHandle: string }>`
    SELECT l.item_id AS "itemId", l.location_handle AS "locationHandle"
    FROM levels l
    JOIN locations loc ON loc.handle = l.location_handle
    LEFT JOIN decisions d ON d.item_id = l.item_id AND d.location_handle = l.location_handle
    WHERE loc.managed = 1 AND loc.kind = 'store' AND loc.mode = 'publish'
      AND (d.item_id IS NULL
        OR d.target_safety_stock <> l.placed_safety_stock
        OR d.target_reserved <> l.placed_reserved)
    ORDER BY l.location_handle, l.item_id`.execute(storage.db);

  return decideInChunks(storage, waiting.rows, modes, now);
}
