import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * PostgreSQL only: `trueshelf_place_new_holds`, a group of new cart holds in one call (see
 * `placeNewHoldsOnPostgres`), replacing migration 011's one-hold function. It runs the steps of
 * `SqliteNewHold.placeAll` in the same order and answers the same outcomes, one per hold, as a
 * JSON array: `placed`; `insufficient_stock` with each short line and what its level could
 * still promise; or `general` with why, for the service's general path.
 *
 * Every level of the group is locked first, in lock order (store, then item, by code point, as
 * `lockLevels`), so no two groups, nor a group and the general path, wait on each other in a
 * circle. A hold then writes nothing unless it is placed: its cart and key are looked up, its
 * levels' bases read (locked, so they cannot change), and only when all cover it are they
 * claimed by the conditional UPDATE and the key, hold and lines written. No subtransaction is
 * needed, so a group of any size costs no subtransaction ids.
 *
 * What another transaction commits meanwhile (the same key, a first hold for the same cart)
 * breaks a unique index or the key's insert: the function raises a serialization failure or
 * the unique violation stands, the caller runs the whole group again, and the second time the
 * lookups see the committed rows.
 *
 * The claim's check repeats `GROSS_OF_LEVEL` and `BUFFER_OF_LEVEL` (level-claim-sql.ts); a
 * change there needs a migration that replaces this function.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;

  await sql`DROP FUNCTION IF EXISTS trueshelf_place_new_hold(
    text, text, text, text, text, text, text, text[], text[], integer[])`.execute(db);

  await sql`
CREATE OR REPLACE FUNCTION trueshelf_place_new_holds(p_holds jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  v_hold jsonb;
  v_line jsonb;
  v_quantity integer;
  outcomes jsonb := '[]'::jsonb;
  short jsonb;
  expiry_due boolean;
  basis record;
BEGIN
  PERFORM 1 FROM levels
  WHERE (item_id, location_handle) IN (
    SELECT x.line->>'item', x.line->>'location'
    FROM jsonb_array_elements(p_holds) AS g(hold),
      jsonb_array_elements(g.hold->'lines') AS x(line))
  ORDER BY location_handle COLLATE "C", item_id COLLATE "C"
  FOR UPDATE;

  FOR v_hold IN SELECT value FROM jsonb_array_elements(p_holds) LOOP
    PERFORM 1 FROM holds
    WHERE cart_id = v_hold->>'cartId' AND status IN ('active', 'checkout') LIMIT 1;
    IF FOUND THEN
      outcomes := outcomes || jsonb_build_array(
        jsonb_build_object('kind', 'general', 'why', 'cart_has_holds'));
      CONTINUE;
    END IF;

    PERFORM 1 FROM hold_requests
    WHERE client = v_hold->>'client' AND idempotency_key = v_hold->>'key';
    IF FOUND THEN
      outcomes := outcomes || jsonb_build_array(
        jsonb_build_object('kind', 'general', 'why', 'known_key'));
      CONTINUE;
    END IF;

    short := '[]'::jsonb;
    expiry_due := false;
    FOR v_line IN SELECT value FROM jsonb_array_elements(v_hold->'lines') LOOP
      v_quantity := (v_line->>'quantity')::integer;
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
      FROM levels WHERE item_id = v_line->>'item' AND location_handle = v_line->>'location';

      CONTINUE WHEN FOUND AND basis.unclaimed >= v_quantity;
      IF FOUND AND basis.held > 0
          AND (basis.hold_expiry_bound IS NULL OR basis.hold_expiry_bound <= v_hold->>'now') THEN
        expiry_due := true;
        EXIT;
      END IF;
      short := short || jsonb_build_array(jsonb_build_object(
        'item', v_line->>'item', 'location', v_line->>'location', 'requested', v_quantity,
        'sellable', CASE WHEN FOUND THEN greatest(0, basis.unclaimed) ELSE 0 END));
    END LOOP;

    IF expiry_due THEN
      outcomes := outcomes || jsonb_build_array(
        jsonb_build_object('kind', 'general', 'why', 'expiry_due'));
      CONTINUE;
    END IF;
    IF jsonb_array_length(short) > 0 THEN
      outcomes := outcomes || jsonb_build_array(
        jsonb_build_object('kind', 'insufficient_stock', 'short', short));
      CONTINUE;
    END IF;

    FOR v_line IN SELECT value FROM jsonb_array_elements(v_hold->'lines') LOOP
      v_quantity := (v_line->>'quantity')::integer;
      UPDATE levels SET held = held + v_quantity,
        hold_expiry_bound = CASE
          WHEN held = 0 THEN v_hold->>'expiresAt'
          WHEN hold_expiry_bound IS NULL THEN NULL
          WHEN hold_expiry_bound > v_hold->>'expiresAt' THEN v_hold->>'expiresAt'
          ELSE hold_expiry_bound END
      WHERE item_id = v_line->>'item' AND location_handle = v_line->>'location'
        AND (CASE WHEN levels.connected = 1 THEN levels.available ELSE 0 END
             + levels.placed_safety_stock + levels.placed_reserved)
          - COALESCE(
              (SELECT d.buffer FROM decisions d
                WHERE d.item_id = levels.item_id AND d.location_handle = levels.location_handle),
              (SELECT lb.buffer_units FROM level_buffers lb
                WHERE lb.item_id = levels.item_id AND lb.location_handle = levels.location_handle),
              (SELECT loc.buffer_units FROM locations loc
                WHERE loc.handle = levels.location_handle),
              0)
          - levels.held >= v_quantity;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'the claim of % at % for % failed after its check passed',
          v_quantity, v_line->>'location', v_line->>'item';
      END IF;
    END LOOP;

    INSERT INTO hold_requests (client, idempotency_key, fingerprint, hold_id, created_at)
    VALUES (v_hold->>'client', v_hold->>'key', v_hold->>'fingerprint', v_hold->>'holdId',
      v_hold->>'now')
    ON CONFLICT (client, idempotency_key) DO NOTHING;
    IF NOT FOUND THEN
      RAISE EXCEPTION USING ERRCODE = '40001',
        MESSAGE = 'an idempotency key of the group was committed by another transaction';
    END IF;

    INSERT INTO holds (id, cart_id, status, expires_at, created_by, created_at, updated_at)
    VALUES (v_hold->>'holdId', v_hold->>'cartId', 'active', v_hold->>'expiresAt',
      v_hold->>'client', v_hold->>'now', v_hold->>'now');
    INSERT INTO hold_lines (hold_id, item_id, location_handle, quantity, placed_at)
    SELECT v_hold->>'holdId', x.line->>'item', x.line->>'location',
      (x.line->>'quantity')::integer, v_hold->>'now'
    FROM jsonb_array_elements(v_hold->'lines') AS x(line);

    outcomes := outcomes || jsonb_build_array(jsonb_build_object('kind', 'placed'));
  END LOOP;

  RETURN outcomes;
END
$fn$`.execute(db);
}
