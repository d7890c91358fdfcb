import { sql } from 'kysely';
import type { AuditDb } from './audit-db.js';

export interface CorrectionCandidate {
  import_id: string;
  location_handle: string;
  item_id: string;
  counted_at: string;
  counted_quantity: number;
  system_on_hand: number | null;
  variance: number | null;
  reopened: number;
  sku: string | null;
  shopify_inventory_item_id: string | null;
  kind: string;
  managed: number;
  mode: string;
  shopify_location_id: string | null;
  netsuite_id: string | null;
  time_zone: string | null;
  available: number | null;
  on_hand: number | null;
  corrected: unknown;
  in_flight: unknown;
  superseded: unknown;
}

/**
 * The count lines of accepted imports that may need a correction: a variance, no system
 * figure, or corrections at their level since the count (a reopened count may need part of a
 * correction undone). With each: what was corrected at the level after the count, whether a
 * correction there is still unanswered, and whether a later count supersedes it.
 */
export async function readCorrectionCandidates(
  db: AuditDb,
  filter: { importId: string | null; location: string | null },
): Promise<CorrectionCandidate[]> {
  const sameLevel = sql`ccl.location_handle = cl.location_handle AND ccl.item_id = cl.item_id`;
  const appliedSince = sql`FROM count_correction_lines ccl
    JOIN count_corrections cc ON cc.id = ccl.correction_id
    WHERE ${sameLevel} AND cc.status = 'applied' AND cc.applied_at > cl.counted_at`;

  const rows = await sql<CorrectionCandidate>`
    SELECT cl.import_id, cl.location_handle, cl.item_id, cl.counted_at, cl.counted_quantity,
      cl.system_on_hand, cl.variance, cl.reopened,
      it.sku, it.shopify_inventory_item_id,
      loc.kind, loc.managed, loc.mode, loc.shopify_location_id, loc.netsuite_id, loc.time_zone,
      lv.available, lv.on_hand,
      (SELECT COALESCE(SUM(ccl.delta), 0) ${appliedSince}) AS corrected,
      (CASE WHEN EXISTS (
        SELECT 1 FROM count_correction_lines ccl
        JOIN count_corrections cc ON cc.id = ccl.correction_id
        WHERE ${sameLevel} AND cc.status = 'sending') THEN 1 ELSE 0 END) AS in_flight,
      (CASE WHEN EXISTS (
        SELECT 1 FROM count_lines later
        JOIN count_imports li ON li.id = later.import_id AND li.status = 'accepted'
        WHERE later.location_handle = cl.location_handle AND later.item_id = cl.item_id
          AND (later.counted_at > cl.counted_at
            OR (later.counted_at = cl.counted_at AND later.import_id > cl.import_id)))
        THEN 1 ELSE 0 END) AS superseded
    FROM count_lines cl
    JOIN count_imports i ON i.id = cl.import_id AND i.status = 'accepted'
    JOIN items it ON it.id = cl.item_id
    JOIN locations loc ON loc.handle = cl.location_handle
    LEFT JOIN levels lv ON lv.item_id = cl.item_id AND lv.location_handle = cl.location_handle
    WHERE (cl.variance IS NULL OR cl.variance <> 0 OR EXISTS (SELECT 1 ${appliedSince}))
      ${filter.importId === null ? sql`` : sql`AND cl.import_id = ${filter.importId}`}
      ${filter.location === null ? sql`` : sql`AND cl.location_handle = ${filter.location}`}
    ORDER BY i.imported_at, cl.import_id, cl.location_handle, cl.item_id`.execute(db);
  return rows.rows;
}
