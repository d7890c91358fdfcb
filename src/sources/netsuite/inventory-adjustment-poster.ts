import type { AdjustmentPosted, InventoryAdjustment } from './inventory-adjustment.js';
import { NetSuiteError } from './netsuite-error.js';
import type { NetSuiteTransport } from './netsuite-transport.js';

export const INVENTORY_ADJUSTMENT_PATH = '/services/rest/record/v1/inventoryAdjustment';

const INTEGER_ID = /^(?:0|[1-9][0-9]*)$/;
// The externalId is also written into a path (`eid:<externalId>`), so it is kept plain.
const EXTERNAL_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Posts inventory adjustments. A create answers 204 with the new record's address in
 * `Location`. NetSuite refuses a second record with an externalId it already holds; rather than
 * read that refusal's wording, a refused post looks the externalId up, and if a record is there,
 * the earlier post went through and its id is the answer.
 */
export class InventoryAdjustmentPoster {
  constructor(private readonly transport: NetSuiteTransport) {}

  async post(adjustment: InventoryAdjustment): Promise<AdjustmentPosted> {
    const body = adjustmentBody(adjustment);
    const where = `inventoryAdjustment ${adjustment.externalId}`;

    try {
      const response = await this.transport.send({
        method: 'POST',
        path: INVENTORY_ADJUSTMENT_PATH,
        body,
        where,
      });
      return { outcome: 'created', id: idFromLocation(response.headers.get('location'), where) };
    } catch (thrown) {
      if (!(thrown instanceof NetSuiteError) || thrown.code !== 'netsuite_request_refused') {
        throw thrown;
      }
      const existing = await this.find(adjustment.externalId);
      if (existing === undefined) throw thrown;
      return { outcome: 'already_posted', id: existing };
    }
  }

  /** The internal id of the adjustment with this externalId, or undefined if there is none. */
  async find(externalId: string): Promise<string | undefined> {
    checkExternalId(externalId);
    try {
      const response = await this.transport.send({
        method: 'GET',
        path: `${INVENTORY_ADJUSTMENT_PATH}/eid:${externalId}`,
        query: { fields: 'id,externalId' },
        where: `inventoryAdjustment lookup ${externalId}`,
      });
      const id = (response.body as Record<string, unknown> | undefined)?.['id'];
      return typeof id === 'string' && INTEGER_ID.test(id) ? id : undefined;
    } catch (thrown) {
      if (thrown instanceof NetSuiteError && thrown.code === 'netsuite_not_found') return undefined;
      throw thrown;
    }
  }
}

/** The REST body: references as `{ id }`, the `inventory` sublist as `{ items: [...] }`. */
export function adjustmentBody(adjustment: InventoryAdjustment): Record<string, unknown> {
  checkExternalId(adjustment.externalId);
  checkId(adjustment.accountId, 'accountId');
  checkId(adjustment.locationId, 'locationId');
  if (adjustment.subsidiaryId !== undefined) checkId(adjustment.subsidiaryId, 'subsidiaryId');
  if (!DAY.test(adjustment.tranDate)) invalid('tranDate', adjustment.tranDate, 'YYYY-MM-DD');
  if (adjustment.lines.length === 0) invalid('lines', '[]', 'at least one line');

  const items = adjustment.lines.map((line, index) => {
    checkId(line.itemId, `lines[${index}].itemId`);
    checkId(line.locationId, `lines[${index}].locationId`);
    if (!Number.isFinite(line.adjustQtyBy) || line.adjustQtyBy === 0) {
      invalid(`lines[${index}].adjustQtyBy`, String(line.adjustQtyBy), 'a non-zero number');
    }
    return {
      item: { id: line.itemId },
      location: { id: line.locationId },
      adjustQtyBy: line.adjustQtyBy,
      ...(line.memo !== undefined ? { memo: line.memo } : {}),
    };
  });

  return {
    externalId: adjustment.externalId,
    account: { id: adjustment.accountId },
    ...(adjustment.subsidiaryId !== undefined
      ? { subsidiary: { id: adjustment.subsidiaryId } }
      : {}),
    adjLocation: { id: adjustment.locationId },
    tranDate: adjustment.tranDate,
    ...(adjustment.memo !== undefined ? { memo: adjustment.memo } : {}),
    inventory: { items },
  };
}

function idFromLocation(location: string | null, where: string): string {
  const id = location?.split('?')[0]?.split('/').at(-1);
  if (id === undefined || !INTEGER_ID.test(id)) {
    throw new NetSuiteError(
      'netsuite_bad_response',
      `NetSuite created ${where} but its Location header (${String(location)}) ends in no id`,
      { where, location },
    );
  }
  return id;
}

function checkExternalId(externalId: string): void {
  if (!EXTERNAL_ID.test(externalId)) {
    invalid('externalId', externalId, 'letters, digits and . _ : - (at most 200)');
  }
}

function checkId(id: string, field: string): void {
  if (!INTEGER_ID.test(id)) invalid(field, id, 'a NetSuite internal id (decimal digits)');
}

function invalid(field: string, seen: string, expected: string): never {
  throw new NetSuiteError(
    'netsuite_invalid_record',
    `inventoryAdjustment ${field} is ${JSON.stringify(seen)}; expected ${expected}`,
    { where: `inventoryAdjustment ${field}`, seen, expected },
  );
}
