import type { NetSuiteSandboxStore } from './netsuite-sandbox-store.js';
import { json } from './sandbox-answer.js';
import type { SandboxAnswer } from './sandbox-answer.js';
import type { SandboxCashSaleLine, SandboxTaxDetail } from './sandbox-records.js';
import { missing, notFound, recordBody, refId, userError } from './record-fields.js';

export const CASH_SALE = 'cashSale';

/*
 * Legacy tax fields. REST web services support tax only through SuiteTax, so a body carrying
 * these is refused; with SuiteTax the tax engine computes tax, or `taxDetailsOverride` with a
 * `taxDetails` sublist supplies it.
 */
const LEGACY_BODY_TAX = ['taxItem', 'taxRate', 'isTaxable'];
const LEGACY_LINE_TAX = ['taxCode', 'isTaxable', 'taxRate1', 'tax1Amt'];

/** `cashSale`: create (204 + `Location`), read by internal id or `eid:<externalId>`. */
export function answerCashSale(
  store: NetSuiteSandboxStore,
  method: string,
  url: URL,
  ref: string | undefined,
  body: unknown,
): SandboxAnswer {
  if (method === 'POST' && ref === undefined) return create(store, url, body);
  if (method === 'GET' && ref !== undefined) return read(store, url, ref);
  return userError(405, 'INVALID_REQUEST', `${method} is not served for ${url.pathname}.`);
}

function create(store: NetSuiteSandboxStore, url: URL, body: unknown): SandboxAnswer {
  const record = recordBody(body);
  const externalId = typeof record['externalId'] === 'string' ? record['externalId'] : undefined;
  const entity = refId(record['entity']);
  const location = refId(record['location']);

  if (entity === undefined) return missing('entity', 'Please enter value(s) for: Customer');
  if (location === undefined) return missing('location', 'Please enter value(s) for: Location');
  const legacy = LEGACY_BODY_TAX.find((field) => field in record);
  if (legacy !== undefined) return legacyTax(legacy);
  if (externalId !== undefined && store.records.findCashSale({ externalId })) {
    return userError(400, 'DUP_RCRD', 'This record already exists.');
  }

  const listed = (record['item'] as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(listed) || listed.length === 0) {
    return missing('item', 'You must enter at least one line item for this transaction.');
  }
  const lines: SandboxCashSaleLine[] = [];
  for (const [index, entry] of listed.entries()) {
    const line = recordBody(entry);
    const legacyLine = LEGACY_LINE_TAX.find((field) => field in line);
    if (legacyLine !== undefined) return legacyTax(`item.items[${index}].${legacyLine}`);
    const read = readLine(line, location);
    if (typeof read === 'string') {
      return missing(`item.items[${index}].${read}`, `Invalid value for ${read}.`);
    }
    lines.push(read);
  }

  const override = record['taxDetailsOverride'] === true;
  const taxDetails = override ? readTaxDetails(record['taxDetails'], lines) : [];
  if (typeof taxDetails === 'string')
    return missing(`taxDetails.${taxDetails}`, 'Invalid tax detail.');

  const id = store.recordCashSale({
    externalId,
    entity,
    location,
    subsidiary: refId(record['subsidiary']),
    tranDate: typeof record['tranDate'] === 'string' ? record['tranDate'] : undefined,
    memo: typeof record['memo'] === 'string' ? record['memo'] : undefined,
    taxDetailsOverride: override,
    lines,
    taxDetails,
  });
  return {
    status: 204,
    headers: { Location: `${url.origin}/services/rest/record/v1/${CASH_SALE}/${id}` },
  };
}

function read(store: NetSuiteSandboxStore, url: URL, ref: string): SandboxAnswer {
  const sale = ref.startsWith('eid:')
    ? store.records.findCashSale({ externalId: ref.slice(4) })
    : store.records.findCashSale({ id: ref });
  if (sale === undefined) return notFound();

  const self = `${url.origin}/services/rest/record/v1/${CASH_SALE}/${sale.id}`;
  return json(200, {
    links: [{ rel: 'self', href: self }],
    id: sale.id,
    ...(sale.externalId !== undefined ? { externalId: sale.externalId } : {}),
    entity: { id: sale.entity },
    location: { id: sale.location },
    ...(sale.tranDate !== undefined ? { tranDate: sale.tranDate } : {}),
    taxDetailsOverride: sale.taxDetailsOverride,
    item: { links: [{ rel: 'self', href: `${self}/item` }] },
  });
}

function readLine(line: Record<string, unknown>, fallback: string): SandboxCashSaleLine | string {
  const item = refId(line['item']);
  const quantity = line['quantity'];
  const amount = line['amount'];
  const reference = line['taxDetailsReference'];

  if (item === undefined) return 'item';
  if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity <= 0)
    return 'quantity';
  if (amount !== undefined && (typeof amount !== 'number' || !Number.isFinite(amount)))
    return 'amount';
  return {
    item,
    location: refId(line['location']) ?? fallback,
    quantity,
    amount: amount as number | undefined,
    taxDetailsReference: typeof reference === 'string' ? reference : undefined,
  };
}

/** The override sublist, each entry naming a line by `taxDetailsReference`; or the bad field. */
function readTaxDetails(
  value: unknown,
  lines: readonly SandboxCashSaleLine[],
): SandboxTaxDetail[] | string {
  const listed = (value as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(listed) || listed.length === 0) return 'items';
  const references = new Set(lines.map((line) => line.taxDetailsReference));

  const details: SandboxTaxDetail[] = [];
  for (const [index, entry] of listed.entries()) {
    const detail = recordBody(entry);
    const reference = detail['taxDetailsReference'];
    const taxType = refId(detail['taxType']);
    const taxCode = refId(detail['taxCode']);
    const { taxBasis, taxAmount } = detail;
    if (typeof reference !== 'string' || !references.has(reference)) {
      return `items[${index}].taxDetailsReference`;
    }
    if (taxType === undefined) return `items[${index}].taxType`;
    if (taxCode === undefined) return `items[${index}].taxCode`;
    if (typeof taxBasis !== 'number' || typeof taxAmount !== 'number') {
      return `items[${index}].taxAmount`;
    }
    details.push({ taxDetailsReference: reference, taxType, taxCode, taxBasis, taxAmount });
  }
  return details;
}

function legacyTax(field: string): SandboxAnswer {
  return missing(
    field,
    'Legacy tax fields are not supported in REST web services; enable SuiteTax.',
  );
}
