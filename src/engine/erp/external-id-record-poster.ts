import { NetSuiteError } from '../../sources/netsuite/netsuite-error.js';
import type { NetSuiteTransport } from '../../sources/netsuite/netsuite-transport.js';

const INTEGER_ID = /^(?:0|[1-9][0-9]*)$/;
// The externalId is also written into a path (`eid:<externalId>`), so it is kept plain.
export const EXTERNAL_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

export type RecordPosted =
  | { readonly outcome: 'created'; readonly id: string }
  | { readonly outcome: 'already_posted'; readonly id: string };

/**
 * Creates one record type through the record API, once per externalId, as the client's
 * `InventoryAdjustmentPoster` does for adjustments: a create answers 204 with the new address
 * in `Location`; a refused create looks the externalId up, and a record found there means an
 * earlier post (perhaps one whose answer was lost) went through.
 */
export class ExternalIdRecordPoster {
  private readonly path: string;

  constructor(
    private readonly transport: NetSuiteTransport,
    readonly recordType: string,
  ) {
    this.path = `/services/rest/record/v1/${recordType}`;
  }

  async post(externalId: string, body: Record<string, unknown>): Promise<RecordPosted> {
    const where = `${this.recordType} ${externalId}`;
    try {
      const response = await this.transport.send({ method: 'POST', path: this.path, body, where });
      return { outcome: 'created', id: idFromLocation(response.headers.get('location'), where) };
    } catch (thrown) {
      if (!(thrown instanceof NetSuiteError) || thrown.code !== 'netsuite_request_refused') {
        throw thrown;
      }
      const existing = await this.find(externalId);
      if (existing === undefined) throw thrown;
      return { outcome: 'already_posted', id: existing };
    }
  }

  /** The internal id of the record with this externalId, or undefined if there is none. */
  async find(externalId: string): Promise<string | undefined> {
    if (!EXTERNAL_ID.test(externalId)) {
      throw new NetSuiteError(
        'netsuite_invalid_record',
        `${this.recordType} externalId ${JSON.stringify(externalId)} is not plain id text`,
        { where: `${this.recordType} externalId`, seen: externalId },
      );
    }
    try {
      const response = await this.transport.send({
        method: 'GET',
        path: `${this.path}/eid:${externalId}`,
        query: { fields: 'id,externalId' },
        where: `${this.recordType} lookup ${externalId}`,
      });
      const id = (response.body as Record<string, unknown> | undefined)?.['id'];
      return typeof id === 'string' && INTEGER_ID.test(id) ? id : undefined;
    } catch (thrown) {
      if (thrown instanceof NetSuiteError && thrown.code === 'netsuite_not_found') return undefined;
      throw thrown;
    }
  }
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
