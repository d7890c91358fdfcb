import { answerCashSale, CASH_SALE } from './cash-sale-route.js';
import type { NetSuiteSandboxStore, SandboxInventoryAdjustment } from './netsuite-sandbox-store.js';
import { missing, notFound, refId, userError } from './record-fields.js';
import { json } from './sandbox-answer.js';
import type { SandboxAnswer } from './sandbox-answer.js';

export const RECORD_PATH = '/services/rest/record/v1/';
const ADJUSTMENT = 'inventoryAdjustment';

type Line = SandboxInventoryAdjustment['lines'][number];

/**
 * The record API for `inventoryAdjustment` and `cashSale`: create (204 with the new address in
 * `Location`) and read by internal id or `eid:<externalId>`. Record type names are matched
 * without regard to case: Oracle's cash sale page names the record `cashsale`, other sources
 * `cashSale`.
 *
 * A second create with an externalId already held is refused with 400 and the code `DUP_RCRD`
 * ("This record already exists"), the code NetSuite's SOAP API gives; the wording REST uses is
 * not confirmed, and the client does not depend on it (it looks the externalId up instead).
 */
export function answerRecord(
  store: NetSuiteSandboxStore,
  method: string,
  url: URL,
  body: unknown,
): SandboxAnswer {
  const [type, ref, ...rest] = url.pathname.slice(RECORD_PATH.length).split('/');
  const decoded = ref === undefined ? undefined : decodeURIComponent(ref);
  if (rest.length === 0 && type?.toLowerCase() === CASH_SALE.toLowerCase()) {
    return answerCashSale(store, method, url, decoded, body);
  }
  if (type?.toLowerCase() !== ADJUSTMENT.toLowerCase() || rest.length > 0) {
    return userError(
      404,
      'NONEXISTENT_ID',
      `The record type or path ${url.pathname} is not served by the sandbox.`,
    );
  }

  if (method === 'POST' && ref === undefined) return create(store, url, body);
  if (method === 'GET' && decoded !== undefined) return read(store, url, decoded);
  return userError(405, 'INVALID_REQUEST', `${method} is not served for ${url.pathname}.`);
}

function create(store: NetSuiteSandboxStore, url: URL, body: unknown): SandboxAnswer {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const externalId = typeof record['externalId'] === 'string' ? record['externalId'] : undefined;
  const accountId = refId(record['account']);
  const locationId = refId(record['adjLocation']);

  if (accountId === undefined)
    return missing('account', 'Please enter value(s) for: Adjustment Account');
  if (externalId !== undefined && store.findAdjustment({ externalId })) {
    return userError(400, 'DUP_RCRD', 'This record already exists.');
  }

  const listed = (record['inventory'] as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(listed) || listed.length === 0) {
    return missing('inventory', 'You must enter at least one line item for this transaction.');
  }
  const lines: Line[] = [];
  for (const [index, entry] of listed.entries()) {
    const line = readLine(entry, locationId);
    if (typeof line === 'string')
      return missing(`inventory.items[${index}].${line}`, `Invalid value for ${line}.`);
    lines.push(line);
  }

  const id = store.recordAdjustment({
    externalId,
    accountId,
    locationId,
    tranDate: typeof record['tranDate'] === 'string' ? record['tranDate'] : undefined,
    memo: typeof record['memo'] === 'string' ? record['memo'] : undefined,
    lines,
  });
  return { status: 204, headers: { Location: `${url.origin}${RECORD_PATH}${ADJUSTMENT}/${id}` } };
}

function read(store: NetSuiteSandboxStore, url: URL, ref: string): SandboxAnswer {
  const adjustment = ref.startsWith('eid:')
    ? store.findAdjustment({ externalId: ref.slice(4) })
    : store.findAdjustment({ id: ref });
  if (adjustment === undefined) return notFound();

  const self = `${url.origin}${RECORD_PATH}${ADJUSTMENT}/${adjustment.id}`;
  return json(200, {
    links: [{ rel: 'self', href: self }],
    id: adjustment.id,
    ...(adjustment.externalId !== undefined ? { externalId: adjustment.externalId } : {}),
    account: { id: adjustment.accountId },
    ...(adjustment.locationId !== undefined ? { adjLocation: { id: adjustment.locationId } } : {}),
    ...(adjustment.tranDate !== undefined ? { tranDate: adjustment.tranDate } : {}),
    ...(adjustment.memo !== undefined ? { memo: adjustment.memo } : {}),
    inventory: { links: [{ rel: 'self', href: `${self}/inventory` }] },
  });
}

/** A line, or the name of the field that is wrong. */
function readLine(entry: unknown, fallbackLocation: string | undefined): Line | string {
  const line = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<
    string,
    unknown
  >;
  const item = refId(line['item']);
  const location = refId(line['location']) ?? fallbackLocation;
  const adjustQtyBy = line['adjustQtyBy'];

  if (item === undefined) return 'item';
  if (location === undefined) return 'location';
  if (typeof adjustQtyBy !== 'number' || !Number.isFinite(adjustQtyBy) || adjustQtyBy === 0)
    return 'adjustQtyBy';
  return { item, location, adjustQtyBy };
}
