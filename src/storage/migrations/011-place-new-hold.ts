import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * PostgreSQL only (dropped by 012, which places holds in groups): `trueshelf_place_new_hold`, a
 * new cart hold in one call (see
 * `placeNewHoldOnPostgres`). It runs the steps of `SqliteNewHold.place` in the same order and
 * answers the same outcomes, as JSON: `placed`; `insufficient_stock` with each short line and
 * what its level could still promise; or `general` with why, for the service's general path.
 *
 * The claim's check repeats `GROSS_OF_LEVEL` and `BUFFER_OF_LEVEL` (level-claim-sql.ts); a
 * change there needs a migration that replaces this function. Writes happen in a block with an
 * exception handler, a subtransaction: raising inside it undoes the hold's rows and claims, and
 * the handler answers why. Plain variables keep their values across that undo.
 *
 * A first hold for the same cart committed meanwhile breaks the one-active-hold-per-cart index:
 * that is `general` too, and the general path replaces it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;

  await sql`
CREATE OR REPLACE FUNCTION trueshelf_place_new_hold(
  p_hold_id text, p_cart_id text, p_client text, p_key text, p_fingerprint text,
  p_now text, p_expires_at text, p_items text[], p_locations text[], p_quantities integer[]
) RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  i integer;
  short jsonb := '[]'::jsonb;
  basis record;
BEGIN
  PERFORM 1 FROM holds WHERE cart_id = p_cart_id AND status IN ('active', 'checkout') LIMIT 1;
  IF FOUND THEN
    RETURN jsonb_build_object('kind', 'general', 'why', 'cart_has_holds');
  END IF;

  BEGIN
    INSERT INTO hold_requests (client, idempotency_key, fingerprint, hold_id, created_at)
    VALUES (p_client, p_key, p_fingerprint, p_hold_id, p_now)
    ON CONFLICT (client, idempotency_key) DO NOTHING;
    IF NOT FOUND THEN
      RETURN jsonb_build_object('kind', 'general', 'why', 'known_key');
    END IF;

    INSERT INTO holds (id, cart_id, status, expires_at, created_by, created_at, updated_at)
    VALUES (p_hold_id, p_cart_id, 'active', p_expires_at, p_client, p_now, p_now);
    INSERT INTO hold_lines (hold_id, item_id, location_handle, quantity, placed_at)
    SELECT p_hold_id, l.item, l.location, l.quantity, p_now
    FROM unnest(p_items, p_locations, p_quantities) AS l(item, location, quantity);

    FOR i IN 1 .. coalesce(array_length(p_items, 1), 0) LOOP
      UPDATE levels SET held = held + p_quantities[i], decision_stale = 1,
        hold_expiry_bound = CASE
          WHEN held = 0 THEN p_expires_at
          WHEN hold_expiry_bound IS NULL THEN NULL
          WHEN hold_expiry_bound > p_expires_at THEN p_expires_at
          ELSE hold_expiry_bound END
      WHERE item_id = p_items[i] AND location_handle = p_locations[i]
        AND (CASE WHEN levels.connected = 1 THEN levels.available ELSE 0 END
             + levels.placed_safety_stock + levels.placed_reserved)
          - COALESCE(
              (SELECT d.buffer FROM decisions d
                WHERE d.item_id = levels.item_id AND d.location_handle = levels.location_handle),
              (SELECT lb.buffer_units FROM level_buffers lb
                WHERE lb.item_id = levels.item_id AND lb.location_handle = levels.location_handle),
              (SELECT loc.buffer_units FROM locations loc WHERE loc.handle = levels.location_handle),
              0)
          - levels.held >= p_quantities[i];
      CONTINUE WHEN FOUND;

      SELECT levels.held, levels.hold_expiry_bound,
        (CASE WHEN levels.connected = 1 THEN levels.available ELSE 0 END
          + levels.placed_safety_stock + levels.placed_reserved)
        - COALESCE(
            (SELECT d.buffer FROM decisions d
              WHERE d.item_id = levels.item_id AND d.location_handle = levels.location_handle),
            (SELECT lb.buffer_units FROM level_buffers lb
              WHERE lb.item_id = levels.item_id AND lb.location_handle = levels.location_handle),
            (SELECT loc.buffer_units FROM locations loc WHERE loc.handle = levels.location_handle),
            0)
        - levels.held AS unclaimed
      INTO basis
      FROM levels WHERE item_id = p_items[i] AND location_handle = p_locations[i];

      IF FOUND AND basis.held > 0
          AND (basis.hold_expiry_bound IS NULL OR basis.hold_expiry_bound <= p_now) THEN
        RAISE EXCEPTION USING ERRCODE = 'TSH01', MESSAGE = 'expiry_due';
      END IF;
      short := short || jsonb_build_array(jsonb_build_object(
        'item', p_items[i], 'location', p_locations[i], 'requested', p_quantities[i],
        'sellable', CASE WHEN FOUND THEN greatest(0, basis.unclaimed) ELSE 0 END));
    END LOOP;

    IF jsonb_array_length(short) > 0 THEN
      RAISE EXCEPTION USING ERRCODE = 'TSH02', MESSAGE = 'insufficient_stock';
    END IF;
    RETURN jsonb_build_object('kind', 'placed');
  EXCEPTION
    WHEN unique_violation THEN
      RETURN jsonb_build_object('kind', 'general', 'why', 'cart_has_holds');
    WHEN SQLSTATE 'TSH01' THEN
      RETURN jsonb_build_object('kind', 'general', 'why', 'expiry_due');
    WHEN SQLSTATE 'TSH02' THEN
      RETURN jsonb_build_object('kind', 'insufficient_stock', 'short', short);
  END;
END
$fn$`.execute(db);
}
