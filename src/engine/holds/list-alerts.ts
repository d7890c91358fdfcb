import type { AlertKind } from '../../storage/holds-schema.js';
import type { HoldsDb } from './holds-database.js';

export interface AlertView {
  id: string;
  kind: AlertKind;
  location: string;
  item: string;
  sku: string | null;
  holdIds: string[];
  orderId: string | null;
  unitsShort: number;
  message: string;
  raisedAt: string;
  resolvedAt: string | null;
}

/** Alerts for the stores, newest first; `open` leaves out those whose shortfall has passed. */
export async function listAlerts(
  db: HoldsDb,
  filter: { location?: string | undefined; open?: boolean | undefined; limit: number },
): Promise<AlertView[]> {
  let query = db
    .selectFrom('alerts')
    .leftJoin('items', 'items.id', 'alerts.item_id')
    .selectAll('alerts')
    .select('items.sku')
    .orderBy('alerts.raised_at', 'desc')
    .orderBy('alerts.id')
    .limit(filter.limit);
  if (filter.location !== undefined) {
    query = query.where('alerts.location_handle', '=', filter.location);
  }
  if (filter.open) query = query.where('alerts.resolved_at', 'is', null);

  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    location: row.location_handle,
    item: row.item_id,
    sku: row.sku,
    holdIds: JSON.parse(row.hold_ids) as string[],
    orderId: row.order_id,
    unitsShort: row.units_short,
    message: row.message,
    raisedAt: row.raised_at,
    resolvedAt: row.resolved_at,
  }));
}
