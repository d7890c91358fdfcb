/*
 * The SQL of a claim's check, as text, so the query builder (`held-units.ts`) and the prepared
 * statements of a new hold on SQLite (`sqlite-new-hold.ts`) run the same expressions. The
 * PostgreSQL function of migration 011 spells them out once more: change all three together.
 * Both read the level as `levels`.
 */

/**
 * The buffer the level keeps back, as the claim sees it: the stored decision's, or before the
 * first decision the level's computed buffer (level_buffers, from velocity), else the
 * location's configured units: the same number that decision will use.
 */
export const BUFFER_OF_LEVEL = `COALESCE(
  (SELECT d.buffer FROM decisions d
    WHERE d.item_id = levels.item_id AND d.location_handle = levels.location_handle),
  (SELECT lb.buffer_units FROM level_buffers lb
    WHERE lb.item_id = levels.item_id AND lb.location_handle = levels.location_handle),
  (SELECT loc.buffer_units FROM locations loc WHERE loc.handle = levels.location_handle),
  0)`;

/** Gross as the decision computes it: a disconnected level has no available units. */
export const GROSS_OF_LEVEL = `(CASE WHEN levels.connected = 1 THEN levels.available ELSE 0 END
  + levels.placed_safety_stock + levels.placed_reserved)`;
