import type { AuthClient } from 'google-auth-library';
import type { v1 } from '@google-shopping/inventories';
import { systemClock } from '../../shared/clock.js';
import type { Clock } from '../../shared/clock.js';
import { silentLogger } from '../../shared/logger.js';
import type { Logger } from '../../shared/logger.js';
import { googlePublishOutcome } from './google-publish-outcome.js';
import type { GooglePublishOutcome } from './google-publish-outcome.js';
import type { LocalInventoryRow, ProductKey } from './local-inventory-row.js';
import { productIdFor } from './product-id.js';
import { toApiLocalInventory, fromApiLocalInventory } from './api-local-inventory.js';
import type { PublishedLocalInventory } from './api-local-inventory.js';
import { validateLocalInventoryRow } from './validate-local-inventory-row.js';

type LocalInventoryServiceClient = InstanceType<typeof v1.LocalInventoryServiceClient>;

/** Where the Merchant API lives; there is no default, so a test can never reach Google by omission. */
export interface MerchantApiEndpoint {
  readonly apiEndpoint: string;
  readonly port: number;
  readonly protocol: 'http' | 'https';
}

export const merchantApiEndpoint: MerchantApiEndpoint = Object.freeze({
  apiEndpoint: 'merchantapi.googleapis.com',
  port: 443,
  protocol: 'https',
});

export interface GooglePublisherOptions {
  /** The Merchant Center account id (numeric, as a string). */
  readonly accountId: string;
  readonly endpoint: MerchantApiEndpoint;
  readonly authClient: AuthClient;
  readonly timeoutMs?: number;
  /** Encode every product id as base64url, not only those with reserved characters. */
  readonly alwaysEncodeProductIds?: boolean;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/**
 * Sends local inventory through the official Merchant API client (Inventories v1). An insert
 * replaces the store's whole record, so every call carries the full row. The client's own
 * retries are off: the outbox owns retries, backoff and the rate budget, and needs each
 * refusal back as it came.
 */
export class GoogleLocalInventoryPublisher {
  private constructor(
    private readonly client: LocalInventoryServiceClient,
    private readonly options: GooglePublisherOptions,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  static async create(options: GooglePublisherOptions): Promise<GoogleLocalInventoryPublisher> {
    // The package is CommonJS and heavy (protobufjs, gax): load it only when Google is in use.
    const { v1: inventories } = await import('@google-shopping/inventories');
    const client = new inventories.LocalInventoryServiceClient({
      fallback: true,
      protocol: options.endpoint.protocol,
      apiEndpoint: options.endpoint.apiEndpoint,
      port: options.endpoint.port,
      authClient: options.authClient,
    });
    const logger = (options.logger ?? silentLogger()).child({ channel: 'google' });
    return new GoogleLocalInventoryPublisher(client, options, options.clock ?? systemClock, logger);
  }

  /** Inserts (replaces) one store's local inventory for one product. */
  async publish(row: LocalInventoryRow): Promise<GooglePublishOutcome> {
    const validation = validateLocalInventoryRow(row);
    if (!validation.ok) {
      return { ok: false, retryable: false, reason: 'invalid_row', message: validation.message };
    }

    const request = { parent: this.productName(row), localInventory: toApiLocalInventory(row) };
    return this.call('insert', row, () =>
      this.client.insertLocalInventory(request, this.callOptions()),
    );
  }

  /** Deletes one store's record. Google takes up to an hour to apply it: do not resend sooner. */
  async remove(product: ProductKey, storeCode: string): Promise<GooglePublishOutcome> {
    // The client percent-encodes the segment itself, and refuses a `/` it cannot place.
    if (storeCode.includes('/')) {
      const message = `store code '${storeCode}' has a '/', which no resource name can carry`;
      return { ok: false, retryable: false, reason: 'unaddressable_store_code', message };
    }
    const name = `${this.productName(product)}/localInventories/${storeCode}`;
    return this.call('delete', { ...product, storeCode }, () =>
      this.client.deleteLocalInventory({ name }, this.callOptions()),
    );
  }

  /** Every store's record for one product, as Google holds it (for reconciliation). */
  async list(product: ProductKey): Promise<PublishedLocalInventory[]> {
    const [records] = await this.client.listLocalInventories(
      // The client walks every page itself (Google's pages hold up to 25,000).
      { parent: this.productName(product) },
      this.callOptions(),
    );
    return records.map(fromApiLocalInventory);
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private productName(product: ProductKey): string {
    const id = productIdFor(product, {
      alwaysEncode: this.options.alwaysEncodeProductIds ?? false,
    });
    return `accounts/${this.options.accountId}/products/${id}`;
  }

  private callOptions(): { retry: null; timeout: number } {
    return { retry: null, timeout: this.options.timeoutMs ?? 30_000 };
  }

  private async call(
    action: 'insert' | 'delete',
    target: ProductKey & { storeCode: string },
    send: () => Promise<unknown>,
  ): Promise<GooglePublishOutcome> {
    const scope = { action, offerId: target.offerId, storeCode: target.storeCode };
    try {
      await send();
      this.logger.debug(scope, 'google accepted local inventory');
      return { ok: true };
    } catch (thrown) {
      const outcome = googlePublishOutcome(thrown, this.clock);
      if (!outcome.ok) {
        const level = outcome.retryable ? 'warn' : 'info';
        this.logger[level](
          { ...scope, reason: outcome.reason, status: outcome.status },
          outcome.message,
        );
      }
      return outcome;
    }
  }
}
