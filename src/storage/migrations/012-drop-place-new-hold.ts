import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * PostgreSQL only: `trueshelf_place_new_holds`, a group of new cart holds in one call (see
 * `placeNewHoldsOnPostgres`), replacing migration 011's one-hold function. It answers the
 * outcomes `SqliteNewHold.placeAll` answers, one per hold, in order, as a JSON array: `placed`;
 * `insufficient_stock` with each short line and what its level could still promise; or
 * `general` with why, for the service's general path.
 *
 * A fixed number of statements for the whole group, however many holds it has:
 *
 * 1. every level of the group locked, in lock order (store, then item, by code point, as
 *    `lockLevels`), so no two groups, nor a group and the general path, wait on each other in
 *    a circle; from here to COMMIT nothing else changes them;
 * 2. what each level could still promise (gross − buffer − held, as the claim's check), its
 *    held units and expiry bound; the carts of the group that hold already; its keys seen
 *    before;
 * 3. hold by hold, in order, from those figures alone: a cart that holds (in the books or by a
 *    hold placed earlier in the group) or a key seen before is sent on; a short level refuses
 *    the hold, or sends it on if its holds may have run out; else every level of the hold is
 *    counted as claimed, for the holds after it;
 * 4. one conditional UPDATE per level claimed, by the units all the group's holds claimed there,
 *    the check in its WHERE (it holds: the rows are locked), the expiry bound as the holds one
 *    after another would have left it; then the keys, holds and lines of the holds placed.
 *
 * A level updated once per group instead of once per hold matters most on a hot item: fifty
 * updates of one row in one transaction leave fifty versions of it, more than its page holds.
 * No subtransaction is needed, so a group of any size costs no subtransaction ids.
 *
 * What another transaction commits meanwhile (the same key, a first hold for the same cart)
 * breaks a unique index or the keys' insert: the function raises a serialization failure or
 * the unique violation stands, the caller runs the whole group again, and the second time the
 * lookups see the committed rows.
 *
 * Every statement here finds its rows by a key, and PL/pgSQL keeps each statement's plan for
 * the session: a plan made while `holds` or `decisions` was empty (a new shop, a fresh schema)
 * scans the whole table, and would go on scanning it as it grows to thousands of rows.
 * `enable_seqscan = off` for the function's own statements makes every plan use the key's
 * index whatever the table's statistics said when it was made.
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
RETURNS jsonb LANGUAGE plpgsql
SET enable_seqscan = off
AS $fn$
DECLARE
  v_hold jsonb;
  v_line jsonb;
  v_level text;
  v_state jsonb;
  v_quantity integer;
  v_expires text;
  v_key text;
  v_why text;
  v_short jsonb;
  v_bound text;
  v_written integer;
  -- Per level, by [item, location] as JSON text: {held, bound, unclaimed} as the holds of the
  -- group so far leave it; and {item, location, quantity, bound} of what they claimed there.
  levels_now jsonb;
  claimed jsonb := '{}'::jsonb;
  busy_carts text[];
  known_keys text[];
  outcomes jsonb := '[]'::jsonb;
  placed jsonb := '[]'::jsonb;
BEGIN
  PERFORM 1 FROM levels
  WHERE (item_id, location_handle) IN (
    SELECT x.line->>'item', x.line->>'location'
    FROM jsonb_array_elements(p_holds) AS g(hold),
      jsonb_array_elements(g.hold->'lines') AS x(line))
  ORDER BY location_handle COLLATE "C", item_id COLLATE "C"
  FOR UPDATE;

  SELECT coalesce(jsonb_object_agg(
      jsonb_build_array(levels.item_id, levels.location_handle)::text,
      jsonb_build_object(
        'held', levels.held,
        'bound', levels.hold_expiry_bound,
        'unclaimed',
          (CASE WHEN levels.connected = 1 THEN levels.available ELSE 0 END
            + levels.placed_safety_stock + levels.placed_reserved)
          - COALESCE(
              (SELECT d.buffer FROM decisions d
                WHERE d.item_id = levels.item_id AND d.location_handle = levels.location_handle),
              (SELECT lb.buffer_units FROM level_buffers lb
                WHERE lb.item_id = levels.item_id AND lb.location_handle = levels.location_handle),
              (SELECT loc.buffer_units FROM locations loc
                WHERE loc.handle = levels.location_handle),
              0)
          - levels.held)), '{}'::jsonb)
  INTO levels_now
  FROM levels
  WHERE (item_id, location_handle) IN (
    SELECT x.line->>'item', x.line->>'location'
    FROM jsonb_array_elements(p_holds) AS g(hold),
      jsonb_array_elements(g.hold->'lines') AS x(line));

  SELECT coalesce(array_agg(cart_id), '{}') INTO busy_carts
  FROM holds
  WHERE cart_id IN (SELECT g.hold->>'cartId' FROM jsonb_array_elements(p_holds) AS g(hold))
    AND status IN ('active', 'checkout');

  SELECT coalesce(array_agg(jsonb_build_array(client, idempotency_key)::text), '{}')
  INTO known_keys
  FROM hold_requests
  WHERE (client, idempotency_key) IN (
    SELECT g.hold->>'client', g.hold->>'key' FROM jsonb_array_elements(p_holds) AS g(hold));

  <<holds>>
  FOR v_hold IN SELECT value FROM jsonb_array_elements(p_holds) LOOP
    v_key := jsonb_build_array(v_hold->>'client', v_hold->>'key')::text;
    IF (v_hold->>'cartId') = ANY (busy_carts) THEN
      outcomes := outcomes || jsonb_build_array(
        jsonb_build_object('kind', 'general', 'why', 'cart_has_holds'));
      CONTINUE;
    END IF;
    IF v_key = ANY (known_keys) THEN
      outcomes := outcomes || jsonb_build_array(
        jsonb_build_object('kind', 'general', 'why', 'known_key'));
      CONTINUE;
    END IF;

    -- Each short level, in order; the first whose holds may have run out sends the hold on.
    v_short := '[]'::jsonb;
    v_why := NULL;
    FOR v_line IN SELECT value FROM jsonb_array_elements(v_hold->'lines') LOOP
      v_quantity := (v_line->>'quantity')::integer;
      v_state := levels_now -> jsonb_build_array(v_line->>'item', v_line->>'location')::text;
      CONTINUE WHEN v_state IS NOT NULL AND (v_state->>'unclaimed')::integer >= v_quantity;
      IF v_state IS NOT NULL AND (v_state->>'held')::integer > 0
          AND (v_state->>'bound' IS NULL OR v_state->>'bound' <= v_hold->>'now') THEN
        v_why := 'expiry_due';
        EXIT;
      END IF;
      v_short := v_short || jsonb_build_array(jsonb_build_object(
        'item', v_line->>'item', 'location', v_line->>'location', 'requested', v_quantity,
        'sellable', CASE WHEN v_state IS NULL THEN 0
          ELSE greatest(0, (v_state->>'unclaimed')::integer) END));
    END LOOP;
    IF v_why IS NOT NULL THEN
      outcomes := outcomes || jsonb_build_array(
        jsonb_build_object('kind', 'general', 'why', v_why));
      CONTINUE;
    END IF;
    IF jsonb_array_length(v_short) > 0 THEN
      outcomes := outcomes || jsonb_build_array(
        jsonb_build_object('kind', 'insufficient_stock', 'short', v_short));
      CONTINUE;
    END IF;

    -- Every level covers the hold: count its claims, as a claim's UPDATE would leave them.
    v_expires := v_hold->>'expiresAt';
    FOR v_line IN SELECT value FROM jsonb_array_elements(v_hold->'lines') LOOP
      v_quantity := (v_line->>'quantity')::integer;
      v_level := jsonb_build_array(v_line->>'item', v_line->>'location')::text;
      v_state := levels_now -> v_level;
      v_bound := CASE
        WHEN (v_state->>'held')::integer = 0 THEN v_expires
        WHEN v_state->>'bound' IS NULL THEN NULL
        WHEN v_state->>'bound' > v_expires THEN v_expires
        ELSE v_state->>'bound' END;
      levels_now := levels_now || jsonb_build_object(v_level, jsonb_build_object(
        'held', (v_state->>'held')::integer + v_quantity,
        'bound', v_bound,
        'unclaimed', (v_state->>'unclaimed')::integer - v_quantity));
      claimed := claimed || jsonb_build_object(v_level, jsonb_build_object(
        'item', v_line->>'item',
        'location', v_line->>'location',
        'quantity', coalesce((claimed->v_level->>'quantity')::integer, 0) + v_quantity,
        'bound', v_bound));
    END LOOP;

    placed := placed || jsonb_build_array(v_hold);
    busy_carts := busy_carts || (v_hold->>'cartId');
    known_keys := known_keys || v_key;
    outcomes := outcomes || jsonb_build_array(jsonb_build_object('kind', 'placed'));
  END LOOP;

  IF jsonb_array_length(placed) = 0 THEN
    RETURN outcomes;
  END IF;

  UPDATE levels SET held = levels.held + c.quantity, hold_expiry_bound = c.bound
  FROM (
    SELECT e.value->>'item' AS item, e.value->>'location' AS location,
      (e.value->>'quantity')::integer AS quantity, e.value->>'bound' AS bound
    FROM jsonb_each(claimed) AS e) AS c
  WHERE levels.item_id = c.item AND levels.location_handle = c.location
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
      - levels.held >= c.quantity;
  GET DIAGNOSTICS v_written = ROW_COUNT;
  IF v_written <> (SELECT count(*) FROM jsonb_object_keys(claimed)) THEN
    RAISE EXCEPTION 'the claims of a group of holds failed at % of % levels, though checked',
      (SELECT count(*) FROM jsonb_object_keys(claimed)) - v_written,
      (SELECT count(*) FROM jsonb_object_keys(claimed));
  END IF;

  INSERT INTO hold_requests (client, idempotency_key, fingerprint, hold_id, created_at)
  SELECT p.hold->>'client', p.hold->>'key', p.hold->>'fingerprint', p.hold->>'holdId',
    p.hold->>'now'
  FROM jsonb_array_elements(placed) AS p(hold)
  ON CONFLICT (client, idempotency_key) DO NOTHING;
  GET DIAGNOSTICS v_written = ROW_COUNT;
  IF v_written <> jsonb_array_length(placed) THEN
    RAISE EXCEPTION USING ERRCODE = '40001',
      MESSAGE = 'an idempotency key of the group was committed by another transaction';
  END IF;

  INSERT INTO holds (id, cart_id, status, expires_at, created_by, created_at, updated_at)
  SELECT p.hold->>'holdId', p.hold->>'cartId', 'active', p.hold->>'expiresAt',
    p.hold->>'client', p.hold->>'now', p.hold->>'now'
  FROM jsonb_array_elements(placed) AS p(hold);

  INSERT INTO hold_lines (hold_id, item_id, location_handle, quantity, placed_at)
  SELECT p.hold->>'holdId', x.line->>'item', x.line->>'location',
    (x.line->>'quantity')::integer, p.hold->>'now'
  FROM jsonb_array_elements(placed) AS p(hold),
    jsonb_array_elements(p.hold->'lines') AS x(line);

  RETURN outcomes;
END
$fn$`.execute(db);
}
