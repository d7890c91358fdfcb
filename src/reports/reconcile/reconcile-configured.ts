import type { TrueshelfConfig } from '../../config/config-schema.js';
import { loadBookedCountCorrections } from '../../engine/erp/booked-count-corrections.js';
import type { ConfiguredNetSuite } from '../../engine/erp/create-netsuite-from-config.js';
import { SuiteQlImportedOrders } from '../../engine/erp/imported-orders.js';
import type { Clock } from '../../shared/clock.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';
import type { Storage } from '../../storage/storage.js';
import { reconcileNetSuite } from './reconcile-netsuite.js';
import type { NetSuiteReconciliation } from './reconciliation-report.js';
import { shopifyAdminOnHandReader } from './shopify-on-hand-reader.js';

export interface ConfiguredReconciliation {
  readonly netsuite: ConfiguredNetSuite;
  /** Read Shopify afresh through this client; absent, the mirror stands in for Shopify. */
  readonly shopify: ShopifyAdminClient | undefined;
  readonly levelsPerQuery: number;
  readonly clock: Clock;
}

/**
 * The reconciliation as the route and the CLI run it: Shopify read afresh (batched `nodes`
 * reads of inventory levels), NetSuite as the poller last stored it, the connector's booked
 * documents asked of NetSuite, and the audit's count corrections whose adjustment is not
 * posted yet.
 */
export async function reconcileConfigured(
  storage: Storage,
  run: ConfiguredReconciliation,
): Promise<NetSuiteReconciliation> {
  const { netsuite } = run;
  return reconcileNetSuite(storage, {
    clock: run.clock,
    ...(run.shopify
      ? { shopifyReader: shopifyAdminOnHandReader(run.shopify, run.levelsPerQuery) }
      : {}),
    importedOrders: new SuiteQlImportedOrders(netsuite.client.suiteQl),
    corrections: await loadBookedCountCorrections(storage, { without: 'unposted' }),
    connector: netsuite.connector,
    lookbackHours: netsuite.lookbackHours,
  });
}

/** Whether the config can read Shopify at all: a token, or the client-credentials pair. */
export function canReadShopify(config: Pick<Readonly<TrueshelfConfig>, 'shopify'>): boolean {
  const { shopify } = config;
  return (
    shopify.accessToken !== undefined ||
    (shopify.clientId !== undefined && shopify.clientSecret !== undefined)
  );
}
