import type { SandboxStore } from '../commerce/sandbox-store.js';
import type { InventoryWriter } from '../inventory/inventory-writer.js';
import type { ShopState } from '../state/shop-state.js';
import type { BulkOperations } from './bulk-operations.js';

/** The GraphQL context: what resolvers and views read and write. */
export interface AdminContext {
  state: ShopState;
  store: SandboxStore;
  writer: InventoryWriter;
  bulk: BulkOperations;
  shopDomain: string;
  currency: string;
  offsetMinutes: number;
  /** The version in the request path; older versions get the pre-2026-04 rules. */
  apiVersion: string;
  /** A bulk export reads every page of every connection: first/after are ignored. */
  bulkMode: boolean;
}
