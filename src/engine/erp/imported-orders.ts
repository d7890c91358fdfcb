import type { SuiteQlClient } from '../../sources/netsuite/suiteql-client.js';
import { chunked } from './chunked.js';
import { suiteQlTextLiteral } from './suiteql-text-literal.js';

/**
 * Tells which Shopify documents the shop's connector has booked in NetSuite, by the external
 * id it wrote on the NetSuite transaction. NetSuite's own committed and on hand already count
 * exactly those, so the rest explain differences while they wait for the connector.
 */
export interface ImportedOrderLookup {
  importedExternalIds(externalIds: readonly string[]): Promise<ReadonlySet<string>>;
}

/** A lookup over a known set (the sandbox connector's `imported()`, or a test's list). */
export function importedOrdersFromSet(ids: Iterable<string>): ImportedOrderLookup {
  const known = new Set(ids);
  return {
    importedExternalIds: (externalIds) =>
      Promise.resolve(new Set(externalIds.filter((id) => known.has(id)))),
  };
}

const IDS_PER_QUERY = 500;

/**
 * The lookup against NetSuite: `transaction.externalid IN (...)`. Which external id a
 * connector writes varies (Celigo's flows usually carry the Shopify order id, and item
 * fulfilments the fulfilment id); the caller maps Shopify ids to them. UNVERIFIED for
 * NetSuite Connector (FarApp), which may keep its own reference instead.
 */
export class SuiteQlImportedOrders implements ImportedOrderLookup {
  constructor(private readonly suiteQl: SuiteQlClient) {}

  async importedExternalIds(externalIds: readonly string[]): Promise<ReadonlySet<string>> {
    const found = new Set<string>();
    for (const chunk of chunked([...new Set(externalIds)], IDS_PER_QUERY)) {
      const list = chunk.map((id) => suiteQlTextLiteral(id, 'transaction external id')).join(', ');
      const q = `SELECT id, externalid FROM transaction WHERE externalid IN (${list}) ORDER BY id`;
      // Booked transactions hold still, so offset paging is sound here.
      for await (const page of this.suiteQl.pagesByOffset(q, 'imported order lookup')) {
        for (const row of page.rows) {
          const externalId = row['externalid'];
          if (externalId !== undefined) found.add(externalId);
        }
      }
    }
    return found;
  }
}
