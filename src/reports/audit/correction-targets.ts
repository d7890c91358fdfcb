import type { TrueshelfConfig } from '../../config/config-schema.js';
import { createNetSuiteFromConfig } from '../../engine/erp/create-netsuite-from-config.js';
import type { ConfiguredNetSuite } from '../../engine/erp/create-netsuite-from-config.js';
import type { Metrics } from '../../engine/metrics/metrics.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { createShopifyClient } from '../../sources/shopify/create-shopify-client.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';
import type { Storage } from '../../storage/storage.js';
import type { ErpCorrectionSink } from './erp-correction-sink.js';
import { NetSuiteCorrectionSink } from './netsuite-correction-sink.js';

export interface CorrectionTargets {
  readonly shopify: ShopifyAdminClient;
  readonly shopifyMode: 'shadow' | 'publish';
  /** Absent when no ERP is configured: warehouse groups then fail with that reason. */
  readonly erp?: ErpCorrectionSink;
}

export interface CorrectionTargetDeps {
  readonly storage: Storage;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly clock: Clock;
  /** The running process's clients, so corrections share their budget and tokens. */
  readonly shopify?: ShopifyAdminClient | undefined;
  readonly netsuite?: ConfiguredNetSuite | undefined;
}

/**
 * Where applied corrections go, by the authority table: Shopify for managed stores, the ERP
 * (NetSuite, when an account is configured) for warehouses and unmanaged locations. A client
 * the process already has is reused; otherwise one is built from the config.
 */
export function correctionTargets(
  config: Readonly<TrueshelfConfig>,
  deps: CorrectionTargetDeps,
): CorrectionTargets {
  const shopify =
    deps.shopify ??
    createShopifyClient(config, { metrics: deps.metrics, logger: deps.logger, clock: deps.clock });

  const netsuite = deps.netsuite ?? createNetSuiteFromConfig(config, { clock: deps.clock });
  const shopifyMode = config.shopify.mode;
  if (!netsuite.configured) return { shopify, shopifyMode };
  return {
    shopify,
    shopifyMode,
    erp: new NetSuiteCorrectionSink(deps.storage, netsuite.posting, deps.clock),
  };
}
