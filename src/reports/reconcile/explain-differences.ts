import { countCorrectionExternalId } from '../../engine/erp/count-correction.js';
import type { CountCorrection } from '../../engine/erp/count-correction.js';
import { chunked } from '../../engine/erp/chunked.js';
import { erpDb } from '../../engine/erp/erp-database.js';
import type { ImportedOrderLookup } from '../../engine/erp/imported-orders.js';
import type { Storage } from '../../storage/storage.js';
import type { Explanation } from './classify-level.js';
import type { OnHandSale } from './load-unbooked-sales.js';

/** How the shop's connector books Shopify documents in NetSuite. */
export interface ConnectorTiming {
  /** The longest a POS sale waits to be booked (NetSuite Connector's order cycle: 20 min). */
  readonly orderImportDelaySeconds: number;
  /** The longest a fulfilment waits (NetSuite Connector's fulfilment cycle: 90 min). */
  readonly fulfilmentImportDelaySeconds: number;
  /** The NetSuite externalId the connector writes for a Shopify order or fulfilment id. */
  readonly externalIdOf: (kind: OnHandSale['kind'], shopifyId: string) => string;
}

export interface UnbookedSales {
  readonly inFlight: ReadonlyMap<string, Explanation>;
  readonly notYetImported: ReadonlyMap<string, Explanation>;
}

/**
 * Sorts the sales NetSuite has not booked by age: younger than the connector's delay, in
 * flight; older, not imported. Each unbooked unit is one Shopify has taken off on hand and
 * NetSuite not yet: −quantity of Shopify − NetSuite.
 */
export async function unbookedSales(
  sales: readonly OnHandSale[],
  lookup: ImportedOrderLookup,
  timing: ConnectorTiming,
  now: Date,
): Promise<UnbookedSales> {
  const externalIds = sales.map((sale) => timing.externalIdOf(sale.kind, sale.ref));
  const imported = await lookup.importedExternalIds([...new Set(externalIds)]);
  const inFlight = new Map<string, Explanation>();
  const notYetImported = new Map<string, Explanation>();

  sales.forEach((sale, index) => {
    if (imported.has(externalIds[index] as string)) return;
    const delaySeconds =
      sale.kind === 'order' ? timing.orderImportDelaySeconds : timing.fulfilmentImportDelaySeconds;
    const ageMs = now.getTime() - Date.parse(sale.occurredAt);
    const target = ageMs < delaySeconds * 1000 ? inFlight : notYetImported;
    add(target, sale.itemId, -sale.quantity, `${sale.kind}:${sale.ref}`);
  });
  return { inFlight, notYetImported };
}

/**
 * Corrections booked in Shopify whose NetSuite adjustment is not posted, per location and
 * item: +delta of Shopify − NetSuite.
 */
export async function unpostedCorrections(
  storage: Storage,
  corrections: readonly CountCorrection[],
): Promise<ReadonlyMap<string, ReadonlyMap<string, Explanation>>> {
  const posted = new Set<string>();
  const externalIds = corrections.map((correction) => countCorrectionExternalId(correction.id));
  for (const chunk of chunked(externalIds, 500)) {
    const rows = await erpDb(storage)
      .selectFrom('erp_posts')
      .select('external_id')
      .where('external_id', 'in', chunk)
      .where('status', '=', 'posted')
      .execute();
    for (const row of rows) posted.add(row.external_id);
  }

  const byLocation = new Map<string, Map<string, Explanation>>();
  for (const correction of corrections) {
    if (posted.has(countCorrectionExternalId(correction.id))) continue;
    const items = byLocation.get(correction.locationHandle) ?? new Map<string, Explanation>();
    byLocation.set(correction.locationHandle, items);
    for (const line of correction.lines) {
      if (line.delta !== 0) add(items, line.itemId, line.delta, `count:${correction.id}`);
    }
  }
  return byLocation;
}

function add(target: Map<string, Explanation>, itemId: string, units: number, ref: string): void {
  const before = target.get(itemId) ?? { units: 0, refs: [] };
  const refs = before.refs.includes(ref) ? before.refs : [...before.refs, ref];
  target.set(itemId, { units: before.units + units, refs });
}
