import type { SandboxError } from './google-error-body.js';
import type { GoogleSandboxStore, SandboxProduct } from './google-sandbox-store.js';
import { readLocalInventoryBody } from './read-local-inventory-body.js';

export interface SandboxCall {
  readonly method: string;
  readonly path: string;
  readonly params: URLSearchParams;
  readonly body: unknown;
}

export type SandboxResult = { ok: true; payload: unknown } | { ok: false; error: SandboxError };

type ProductRef = Omit<SandboxProduct, 'destinations'>;

// The v1 paths: insert is a custom verb on the collection, delete names one store's record.
const PATH =
  /^\/inventories\/v1\/accounts\/([^/]+)\/products\/([^/]+)\/localInventories(?::insert|\/([^/]+))?$/;
const MAX_PAGE_SIZE = 25_000;

export function routeInventoryRequest(store: GoogleSandboxStore, call: SandboxCall): SandboxResult {
  const match = PATH.exec(call.path);
  if (!match) return notFound(`No route for ${call.method} ${call.path}.`, 'SANDBOX_NO_ROUTE');

  const account = decodeURIComponent(match[1] ?? '');
  const segment = decodeURIComponent(match[2] ?? '');
  const storeCode = match[3] === undefined ? undefined : decodeURIComponent(match[3]);
  const isInsert = call.path.endsWith(':insert');

  if (!/^\d+$/.test(account)) {
    return invalid(
      `Invalid name part: the account id '${account}' is not a number.`,
      'INVALID_NAME_PART_NOT_NUMBER',
      'name.account',
      account,
    );
  }
  const product = productFrom(segment);
  if (!product) {
    return invalid(
      `The product id '${segment}' is neither lang~label~offerId nor its base64url.`,
      'SANDBOX_INVALID_FIELD',
      'parent.product',
      segment,
    );
  }
  if (!store.product(account, product)) {
    return notFound(
      `Product ${product.contentLanguage}~${product.feedLabel}~${product.offerId} not found in account ${account}.`,
      'SANDBOX_PRODUCT_NOT_FOUND',
    );
  }

  const name = (code: string) => `accounts/${account}/products/${segment}/localInventories/${code}`;
  if (call.method === 'POST' && isInsert) return insert(store, account, product, call.body, name);
  if (call.method === 'GET' && !isInsert && storeCode === undefined) {
    return list(store, account, product, call.params);
  }
  if (call.method === 'DELETE' && storeCode !== undefined) {
    if (!store.deleteInventory(account, product, storeCode)) {
      return notFound(
        `No local inventory for store ${storeCode} on this product.`,
        'SANDBOX_LOCAL_INVENTORY_NOT_FOUND',
      );
    }
    return { ok: true, payload: {} };
  }
  return notFound(`No route for ${call.method} ${call.path}.`, 'SANDBOX_NO_ROUTE');
}

function insert(
  store: GoogleSandboxStore,
  account: string,
  product: ProductRef,
  body: unknown,
  name: (code: string) => string,
): SandboxResult {
  const reading = readLocalInventoryBody(body);
  if (!reading.ok) return reading;

  const record = {
    name: name(reading.storeCode),
    account,
    storeCode: reading.storeCode,
    localInventoryAttributes: reading.attributes,
  };
  store.putInventory(account, product, record);
  return { ok: true, payload: record };
}

function list(
  store: GoogleSandboxStore,
  account: string,
  product: ProductRef,
  params: URLSearchParams,
): SandboxResult {
  const requested = Number(params.get('pageSize') ?? MAX_PAGE_SIZE);
  const pageSize =
    Number.isInteger(requested) && requested > 0
      ? Math.min(requested, MAX_PAGE_SIZE)
      : MAX_PAGE_SIZE;
  const token = params.get('pageToken');
  const offset = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) : 0;
  if (!Number.isInteger(offset) || offset < 0)
    return invalid(
      'The page token is not one this server gave.',
      'SANDBOX_INVALID_FIELD',
      'page_token',
      token ?? '',
    );

  const all = store.listInventories(account, product);
  const page = all.slice(offset, offset + pageSize);
  const next =
    offset + pageSize < all.length
      ? Buffer.from(String(offset + pageSize)).toString('base64url')
      : undefined;
  return {
    ok: true,
    payload: { localInventories: page, ...(next ? { nextPageToken: next } : {}) },
  };
}

/** Plain when the segment has `~`, unpadded base64url otherwise; a `local~` prefix is dropped. */
function productFrom(segment: string): ProductRef | null {
  let joined = segment;
  if (!segment.includes('~')) {
    if (!/^[A-Za-z0-9_-]+$/.test(segment)) return null;
    joined = Buffer.from(segment, 'base64url').toString('utf8');
  }
  const parts = joined.split('~');
  if (parts[0] === 'local' && parts.length >= 4) parts.shift();
  const [contentLanguage, feedLabel, ...rest] = parts;
  const offerId = rest.join('~');
  if (!contentLanguage || !feedLabel || !offerId) return null;
  return { contentLanguage, feedLabel, offerId };
}

function notFound(message: string, reason: SandboxError['reason']): SandboxResult {
  return { ok: false, error: { httpStatus: 404, reason, message } };
}

function invalid(
  message: string,
  reason: SandboxError['reason'],
  location: string,
  value: string,
): SandboxResult {
  return { ok: false, error: { httpStatus: 400, reason, message, field: { location, value } } };
}
