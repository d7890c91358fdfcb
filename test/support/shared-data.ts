import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The public data files some tests replay (real sales, Shopify's documented payloads, Google
 * feed samples): `shared/data` beside the checkout, or the folder `TRUESHELF_SHARED_DATA`
 * names. The product needs none of it. Where it is missing, those tests are skipped, and their
 * names say why, so a clone elsewhere still runs the rest; CI sets
 * `TRUESHELF_REQUIRE_SHARED_DATA=1`, and then they run and fail on the missing files instead of
 * passing unseen.
 */
const checkout = fileURLToPath(new URL('../..', import.meta.url));

export const sharedDataDir = resolve(
  process.env['TRUESHELF_SHARED_DATA'] ?? join(checkout, '..', 'shared', 'data'),
);

const required = process.env['TRUESHELF_REQUIRE_SHARED_DATA'] === '1';

/** Run the tests that read the shared data: it is there, or CI requires it. */
export const withSharedData = required || existsSync(sharedDataDir);

/** A file or folder inside the shared data. */
export function sharedDataPath(relative: string): string {
  return join(sharedDataDir, relative);
}

/** Names a describe block that needs the data, saying so when it is skipped. */
export function needsSharedData(name: string): string {
  return withSharedData ? name : `${name} (skipped: no shared data at ${sharedDataDir})`;
}

/** The M5 slice most sales tests replay: 10 stores × 3,049 items × 28 days. */
export const M5_TEST_FILE = sharedDataPath(
  'sales/m5/m5_sales_test_evaluation_d1942-d1969_10stores_3049items.csv',
);
