import type { SandboxError } from './google-error-body.js';
import type { StoredAttributes } from './read-local-inventory-body.js';

export interface SandboxProduct {
  readonly contentLanguage: string;
  readonly feedLabel: string;
  readonly offerId: string;
  /** e.g. LOCAL_INVENTORY_ADS, FREE_LOCAL_LISTINGS, SHOPPING_ADS. */
  readonly destinations: readonly string[];
}

export interface SandboxLocalInventory {
  readonly name: string;
  readonly account: string;
  readonly storeCode: string;
  readonly localInventoryAttributes: StoredAttributes;
}

export interface SandboxRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly body: unknown;
  /** Whether the bearer token matched; the token itself is never kept. */
  readonly authorized: boolean;
  readonly status: number;
}

export type SandboxFault =
  | {
      readonly httpStatus: 429;
      readonly reason?: 'quota/request_rate_too_high' | 'quota/daily_limit_exceeded';
    }
  | { readonly httpStatus: 503 };

const MAX_REQUESTS_KEPT = 1000;

/**
 * The sandbox's state: the products Merchant Center knows, their local inventories keyed by
 * (account, product, store code), faults queued by a test, and the requests seen.
 */
export class GoogleSandboxStore {
  private readonly products = new Map<string, SandboxProduct>();
  private readonly inventories = new Map<string, Map<string, SandboxLocalInventory>>();
  private readonly faults: SandboxFault[] = [];
  readonly requests: SandboxRequest[] = [];

  addProduct(account: string, product: SandboxProduct): void {
    this.products.set(productKey(account, product), product);
  }

  product(account: string, key: Omit<SandboxProduct, 'destinations'>): SandboxProduct | undefined {
    return this.products.get(productKey(account, key));
  }

  /** The next `count` requests fail with this fault, whatever they are. */
  failNext(count: number, fault: SandboxFault): void {
    for (let i = 0; i < count; i += 1) this.faults.push(fault);
  }

  takeFault(): SandboxError | null {
    const fault = this.faults.shift();
    if (!fault) return null;
    if (fault.httpStatus === 503) {
      return {
        httpStatus: 503,
        reason: 'SANDBOX_UNAVAILABLE',
        message: 'The service is currently unavailable.',
      };
    }
    const reason = fault.reason ?? 'quota/request_rate_too_high';
    return { httpStatus: 429, reason, message: `Quota exceeded (${reason}).` };
  }

  /** An insert replaces the whole record for (product, store code): there is no patch. */
  putInventory(
    account: string,
    product: Omit<SandboxProduct, 'destinations'>,
    record: SandboxLocalInventory,
  ): void {
    const key = productKey(account, product);
    const stores = this.inventories.get(key) ?? new Map<string, SandboxLocalInventory>();
    stores.set(record.storeCode, record);
    this.inventories.set(key, stores);
  }

  /** By store code, in code order, as list pages them. */
  listInventories(
    account: string,
    product: Omit<SandboxProduct, 'destinations'>,
  ): SandboxLocalInventory[] {
    const stores = this.inventories.get(productKey(account, product));
    if (!stores) return [];
    return [...stores.values()].sort((a, b) =>
      a.storeCode < b.storeCode ? -1 : a.storeCode > b.storeCode ? 1 : 0,
    );
  }

  inventory(
    account: string,
    product: Omit<SandboxProduct, 'destinations'>,
    storeCode: string,
  ): SandboxLocalInventory | undefined {
    return this.inventories.get(productKey(account, product))?.get(storeCode);
  }

  deleteInventory(
    account: string,
    product: Omit<SandboxProduct, 'destinations'>,
    storeCode: string,
  ): boolean {
    return this.inventories.get(productKey(account, product))?.delete(storeCode) ?? false;
  }

  record(request: SandboxRequest): void {
    this.requests.push(request);
    if (this.requests.length > MAX_REQUESTS_KEPT) this.requests.shift();
  }
}

function productKey(account: string, key: Omit<SandboxProduct, 'destinations'>): string {
  return JSON.stringify([account, key.contentLanguage, key.feedLabel, key.offerId]);
}
