import type { TrueshelfConfig } from '../config/config-schema.js';
import type { ConfiguredNetSuite } from '../engine/erp/create-netsuite-from-config.js';
import type { IncomingDelivery, RecordDeliveryResult } from '../engine/inbox/record-delivery.js';
import type { Metrics } from '../engine/metrics/metrics.js';
import type { SubscriptionReport } from '../engine/onboarding/check-subscriptions.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { ShopifyAdminClient } from '../sources/shopify/shopify-admin-client.js';
import type { Storage } from '../storage/storage.js';

/** What the HTTP layer and the workers share within one process. */
export interface AppContext {
  readonly config: Readonly<TrueshelfConfig>;
  readonly storage: Storage;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Stores a signed delivery (group-committed); absent, the route stores each on its own. */
  readonly recordDelivery?: (
    delivery: IncomingDelivery,
    receivedAt: Date,
  ) => Promise<RecordDeliveryResult>;
  /** The webhook-subscription report for `/healthz`, when the app config is known. */
  readonly subscriptions?: () => Promise<SubscriptionReport | null>;
  /** The Admin API client the workers use, for fresh reads (the NetSuite reconciliation). */
  readonly shopify?: ShopifyAdminClient;
  /** The NetSuite client `serve` polls with, so routes share its token and concurrency cap. */
  readonly netsuite?: ConfiguredNetSuite;
  /** Wakes the delivery processor after a delivery is stored or replayed. */
  wakeInbox(): void;
  /** Wakes the outbox workers after a parked push is replayed. */
  wakeOutbox(): void;
  /** Asks for a buffer recompute soon (after the buffer rules changed); absent, none runs here. */
  wakeBuffers?(): void;
}
