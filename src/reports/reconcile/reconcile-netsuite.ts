import type { CountCorrection } from '../../engine/erp/count-correction.js';
import type { ImportedOrderLookup } from '../../engine/erp/imported-orders.js';
import type { Clock } from '../../shared/clock.js';
import type { Storage } from '../../storage/storage.js';
import { classifyLevel, noExplanation } from './classify-level.js';
import { unbookedSales, unpostedCorrections } from './explain-differences.js';
import type { ConnectorTiming } from './explain-differences.js';
import {
  loadComparedLevels,
  loadReconciledLocations,
  loadUnmatchedNetSuiteItems,
} from './load-compared-levels.js';
import type { ComparedLevel, ReconciledLocation } from './load-compared-levels.js';
import { loadOnHandSales } from './load-unbooked-sales.js';
import type {
  LocationTotals,
  NetSuiteReconciliation,
  ReconciliationLine,
} from './reconciliation-report.js';
import { locationTotals } from './reconciliation-totals.js';
import { shopifyLevelKey } from './shopify-on-hand-reader.js';
import type { ShopifyOnHandReader } from './shopify-on-hand-reader.js';

export interface ReconcileNetSuiteOptions {
  readonly clock: Clock;
  /** Read Shopify afresh; without it the mirror stands in and no missed signal can be told. */
  readonly shopifyReader?: ShopifyOnHandReader;
  /** Which Shopify documents the connector has booked (the sandbox's, or a SuiteQL lookup). */
  readonly importedOrders: ImportedOrderLookup;
  /** Count corrections from the audit; those whose adjustment is posted are left out here. */
  readonly corrections?: readonly CountCorrection[];
  readonly connector?: Partial<ConnectorTiming>;
  /** How far back sales can still explain a difference (default 72 hours). */
  readonly lookbackHours?: number;
}

export const defaultConnectorTiming: ConnectorTiming = {
  orderImportDelaySeconds: 20 * 60,
  fulfilmentImportDelaySeconds: 90 * 60,
  externalIdOf: (_kind, shopifyId) => shopifyId,
};

/**
 * Compares Shopify, NetSuite and the mirror per item and location, at every location with a
 * NetSuite id, and classifies each difference. NetSuite's side is what the poller last stored,
 * so run `NetSuitePoller.runOnce()` just before: a document the connector booked after that
 * read would otherwise show as unexplained.
 */
export async function reconcileNetSuite(
  storage: Storage,
  options: ReconcileNetSuiteOptions,
): Promise<NetSuiteReconciliation> {
  const now = options.clock();
  const timing = { ...defaultConnectorTiming, ...options.connector };
  const since = new Date(now.getTime() - (options.lookbackHours ?? 72) * 3600_000).toISOString();
  const locations = await loadReconciledLocations(storage);
  const corrections = await unpostedCorrections(storage, options.corrections ?? []);

  const lines: ReconciliationLine[] = [];
  const totals: LocationTotals[] = [];
  let readAfresh = false;
  for (const location of locations) {
    const levels = await loadComparedLevels(storage, location);
    const fresh = await readFresh(options.shopifyReader, location, levels);
    if (fresh !== undefined) readAfresh = true;
    const sales = await loadOnHandSales(storage, location.handle, since);
    const unbooked = await unbookedSales(sales, options.importedOrders, timing, now);
    const unposted = corrections.get(location.handle);

    const differing: ReconciliationLine[] = [];
    for (const level of levels) {
      const differences = classifyLevel({
        mirrorOnHand: level.mirrorOnHand,
        freshOnHand: fresh?.(level),
        netsuiteOnHand: level.netsuiteOnHand,
        inFlight: unbooked.inFlight.get(level.itemId) ?? noExplanation,
        notYetImported: unbooked.notYetImported.get(level.itemId) ?? noExplanation,
        unpostedCorrections: unposted?.get(level.itemId) ?? noExplanation,
      });
      if (differences.length === 0) continue;
      differing.push(toLine(location, level, fresh?.(level), differences));
    }
    lines.push(...differing);
    totals.push(locationTotals(location, levels.length, differing));
  }

  return {
    generatedAt: now.toISOString(),
    // Fresh only where a location was read: without Shopify ids the mirror stands in.
    shopifySource: readAfresh ? 'fresh_read' : 'mirror',
    netsuiteMeaning: 'absolute_on_hand',
    lines,
    totals,
    unmatchedNetSuiteItems: await loadUnmatchedNetSuiteItems(
      storage,
      locations.map((location) => location.netsuiteId),
    ),
  };
}

/** A lookup of fresh on hand per level; undefined for a level that has no Shopify ids. */
async function readFresh(
  reader: ShopifyOnHandReader | undefined,
  location: ReconciledLocation,
  levels: readonly ComparedLevel[],
): Promise<((level: ComparedLevel) => number | undefined) | undefined> {
  const shopifyLocationId = location.shopifyLocationId;
  if (reader === undefined || shopifyLocationId === null) return undefined;

  const refs = levels.flatMap((level) =>
    level.shopifyItemId === null ? [] : [{ shopifyItemId: level.shopifyItemId, shopifyLocationId }],
  );
  const onHand = refs.length === 0 ? new Map<string, number>() : await reader.readOnHand(refs);
  return (level) =>
    level.shopifyItemId === null
      ? undefined
      : (onHand.get(shopifyLevelKey({ shopifyItemId: level.shopifyItemId, shopifyLocationId })) ??
        0);
}

function toLine(
  location: ReconciledLocation,
  level: ComparedLevel,
  freshOnHand: number | undefined,
  differences: ReturnType<typeof classifyLevel>,
): ReconciliationLine {
  return {
    locationHandle: location.handle,
    netsuiteLocationId: location.netsuiteId,
    itemId: level.itemId,
    sku: level.sku,
    netsuiteItemId: level.netsuiteItemId,
    mirrorOnHand: level.mirrorOnHand,
    shopifyOnHand: freshOnHand ?? null,
    netsuiteOnHand: level.netsuiteOnHand,
    netsuiteReadAt: level.netsuiteReadAt,
    costCents: level.costCents,
    differences: differences.map((difference) => ({
      ...difference,
      valueCents: level.costCents === null ? null : Math.round(difference.units * level.costCents),
    })),
  };
}
