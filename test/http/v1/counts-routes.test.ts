import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../src/http/openapi-document.js';
import { auditReportQuery, correctionsQuery } from '../../../src/http/v1/audit-routes.js';
import { countsQuery } from '../../../src/http/v1/counts-routes.js';
import { auditDb } from '../../../src/reports/audit/audit-db.js';
import { LevelLedger, at, seedItem, seedLocation } from '../../reports/audit/audit-fixture.js';
import { testEngine } from '../../support/test-storage.js';
import { AUDIT_TOKENS, bearer, startAuditTestServer } from './audit-test-server.js';
import type { AuditTestServer } from './audit-test-server.js';

const HEADER = 'location,sku,counted_quantity,counted_at';

/*
 * By hand. North, books from 09:00: kettle 10, mug 20. Kettle sold 2 at 11:00 and 1 at 12:30.
 * Counted at 12:00 (the mug's instant written in Brisbane time, +10:00): kettle 7, mug 21.
 *   kettle: system at the count 10 − 2 = 8 (the 12:30 sale is after it), variance −1: 1 ghost.
 *   mug: system 20, variance +1: 1 found.
 * Σ system 28, Σ counted 28, Σ |variance| 2: drift 2 / 28 = 7.14 %, over the 3 % threshold.
 */
const GOOD = [
  HEADER,
  'north,KETTLE,7,2026-03-01T12:00:00Z',
  'north,MUG,21,2026-03-01T22:00:00+10:00',
].join('\n');

describe(`POST /v1/counts on ${testEngine}`, () => {
  let t: AuditTestServer;
  beforeEach(async () => {
    t = await startAuditTestServer(at(14));
    const storage = t.database.storage;
    await seedLocation(storage, { handle: 'north' });
    await seedItem(storage, { id: 'kettle', sku: 'KETTLE', costCents: 2000 });
    await seedItem(storage, { id: 'mug', sku: 'MUG', costCents: 300 });
    const kettle = await LevelLedger.open(storage, 'kettle', 'north', 10, at(9));
    await LevelLedger.open(storage, 'mug', 'north', 20, at(9));
    await kettle.posSale(2, at(11));
    await kettle.posSale(1, at(12.5));
  });
  afterEach(async () => {
    await t.close();
  });

  function upload(body: string | Readable, query = '', token: string = AUDIT_TOKENS.write) {
    return t.server.inject({
      method: 'POST',
      url: `/v1/counts${query}`,
      headers: { ...bearer(token), 'content-type': 'text/csv' },
      payload: body,
    });
  }

  it('imports a count taken while sales went on, reconciled as of the count', async () => {
    const response = await upload(GOOD);

    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      lines: 2,
      goodLines: 2,
      badLines: 0,
      errors: [],
      summary: {
        counts: 2,
        unreconciled: 0,
        systemUnits: 28,
        countedUnits: 28,
        ghostUnits: 1,
        foundUnits: 1,
      },
    });
  });

  it('refuses a file with bad rows whole, naming each line and its reason', async () => {
    const body = [
      HEADER,
      'north,KETTLE,7,2026-03-01T12:00:00Z',
      'north,NOPE,3,2026-03-01T12:00:00Z',
      'north,MUG,-2,2026-03-01T12:00:00Z',
      'north,MUG,4,yesterday',
      'north,MUG,4',
    ].join('\n');

    const response = await upload(body);

    expect(response.statusCode).toBe(422);
    const { error } = response.json<{ error: { code: string; details: never } }>();
    expect(error.code).toBe('count_rows_rejected');
    expect(error.details).toMatchObject({ lines: 5, goodLines: 1, badLines: 4 });
    const errors = (error.details as { errors: { line: number; reason: string }[] }).errors;
    expect(errors.map((e) => [e.line, e.reason])).toEqual([
      [3, 'unknown_sku'],
      [4, 'negative_count'],
      [5, 'invalid_counted_at'],
      [6, 'wrong_column_count'],
    ]);
    const stored = await auditDb(t.database.storage)
      .selectFrom('count_lines')
      .selectAll()
      .execute();
    expect(stored).toEqual([]);
  });

  it('keeps the good rows when asked, and still lists the bad ones', async () => {
    const body = [HEADER, 'north,KETTLE,7,2026-03-01T12:00:00Z', 'north,MUG,-2,x'].join('\n');

    const response = await upload(body, '?keepGoodRows=true');

    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      goodLines: 1,
      badLines: 1,
      errors: [{ line: 3, reason: 'negative_count' }],
      summary: { counts: 1, systemUnits: 8, ghostUnits: 1 },
    });
  });

  it('streams a body of many batches, adding up an item counted on many lines', async () => {
    // 5,000 lines of one mug each (three batches of 2,000) and the kettle: mug counted 5,000
    // against 20 in the books, 4,980 found; kettle 1 ghost as above.
    async function* lines() {
      yield `${HEADER}\n`;
      for (let i = 0; i < 5000; i += 1) yield 'north,MUG,1,2026-03-01T12:00:00Z\n';
      yield 'north,KETTLE,7,2026-03-01T12:00:00Z\n';
    }

    const response = await upload(Readable.from(lines()));

    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      lines: 5001,
      summary: { counts: 2, systemUnits: 28, countedUnits: 5007, ghostUnits: 1, foundUnits: 4980 },
    });
  });

  it('refuses a header without a required column, a JSON body and a read-only token', async () => {
    const header = await upload('location,sku,counted_at\nnorth,MUG,2026-03-01T12:00:00Z');
    expect(header.statusCode).toBe(422);
    expect(header.json()).toMatchObject({
      error: { code: 'invalid_count_file', details: { missing: ['counted_quantity'] } },
    });

    const json = await t.server.inject({
      method: 'POST',
      url: '/v1/counts',
      headers: { ...bearer(AUDIT_TOKENS.write), 'content-type': 'application/json' },
      payload: { lines: [] },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json()).toMatchObject({
      error: { code: 'unsupported_media_type', details: { expected: 'text/csv' } },
    });

    const readOnly = await upload(GOOD, '', AUDIT_TOKENS.read);
    expect(readOnly.statusCode).toBe(403);
  });

  it('is described in the OpenAPI document with exactly the query parameters it takes', () => {
    const documented = (path: string, method: 'get' | 'post') =>
      (openApiDocument.paths[path]?.[method]?.parameters ?? []).map((p) => p.name).sort();

    expect(documented('/v1/counts', 'post')).toEqual(Object.keys(countsQuery.shape).sort());
    expect(documented('/v1/reports/audit', 'get')).toEqual(
      Object.keys(auditReportQuery.shape).sort(),
    );
    expect(documented('/v1/audits/corrections', 'post')).toEqual(
      Object.keys(correctionsQuery.shape).sort(),
    );
  });
});
