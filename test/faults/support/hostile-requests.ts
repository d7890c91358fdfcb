import type { ErrorCode } from '../../../src/shared/error-catalogue.js';

/** One crafted request against `/v1` and the 4xx code it must get. */
export interface HostileApiRequest {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly token?: string | null;
  readonly headers?: Record<string, string>;
  /** A string or Buffer is sent as is; anything else as JSON. */
  readonly body?: unknown;
  readonly status: number;
  readonly code: ErrorCode;
}

export const INJECTIONS: readonly string[] = [
  "' OR '1'='1",
  "'; DROP TABLE holds; --",
  '1); SELECT pg_sleep(5); --',
  '" OR ""="',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(document.cookie)>',
  '../../../etc/passwd',
  '${7*7}{{7*7}}',
  'nul\u0000byte',
  'ＳＫＵ\u202e\u200b',
];

export interface Tokens {
  readonly write: string;
  readonly read: string;
}

/**
 * The `/v1` cases, built from one valid hold request bent one way at a time, so each case says
 * exactly which part is hostile. `sku` and `location` name a real item and store; the store
 * holds far fewer than 10000 units, so a request for 10000 is refused for stock, not shape.
 */
export function hostileApiRequests(
  tokens: Tokens,
  real: { sku: string; location: string },
): HostileApiRequest[] {
  const line = { sku: real.sku, location: real.location, quantity: 1 };
  const hold = (body: unknown, extra: Partial<HostileApiRequest> = {}): HostileApiRequest => ({
    name: '',
    method: 'POST',
    url: '/v1/holds',
    body,
    status: 400,
    code: 'invalid_request',
    ...extra,
  });
  const cases: HostileApiRequest[] = [];
  const add = (name: string, request: HostileApiRequest) => cases.push({ ...request, name });

  // Who is asking.
  add(
    'no token',
    hold({ cartId: 'c', lines: [line] }, { token: null, status: 401, code: 'unauthorized' }),
  );
  add(
    'unknown token',
    hold(
      { cartId: 'c', lines: [line] },
      { token: 'x'.repeat(40), status: 401, code: 'unauthorized' },
    ),
  );
  add(
    'basic auth',
    hold(
      { cartId: 'c', lines: [line] },
      {
        token: null,
        headers: { authorization: `Basic ${Buffer.from(`a:${tokens.write}`).toString('base64')}` },
        status: 401,
        code: 'unauthorized',
      },
    ),
  );
  add(
    'token in the query',
    hold(
      { cartId: 'c', lines: [line] },
      { token: null, url: `/v1/holds?token=${tokens.write}`, status: 401, code: 'unauthorized' },
    ),
  );
  add(
    'read token writes',
    hold({ cartId: 'c', lines: [line] }, { token: tokens.read, status: 403, code: 'forbidden' }),
  );
  add('read token replays a push', {
    method: 'POST',
    url: `/v1/outbox/shopify/x/${real.location}/replay`,
    token: tokens.read,
    body: {},
    status: 403,
    code: 'forbidden',
    name: '',
  });
  add('write token replays a delivery (admin)', {
    method: 'POST',
    url: '/v1/deliveries/1/replay',
    body: {},
    token: tokens.write,
    status: 403,
    code: 'forbidden',
    name: '',
  });
  add(
    'no Idempotency-Key',
    hold({ cartId: 'c', lines: [line] }, { headers: { 'idempotency-key': '' } }),
  );
  add(
    'Idempotency-Key with spaces',
    hold({ cartId: 'c', lines: [line] }, { headers: { 'idempotency-key': 'a b' } }),
  );
  add(
    'Idempotency-Key of 300 characters',
    hold({ cartId: 'c', lines: [line] }, { headers: { 'idempotency-key': 'k'.repeat(300) } }),
  );

  // Bodies that are not JSON, or not whole.
  add('truncated JSON', hold('{"cartId":"c","lines":[{"sku":', { code: 'invalid_json' }));
  add('empty JSON body', hold('', { code: 'invalid_json' }));
  add('JSON with a trailing comma', hold('{"cartId":"c",}', { code: 'invalid_json' }));
  add(
    'a form body',
    hold('cartId=c', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      status: 415,
      code: 'unsupported_media_type',
    }),
  );
  add(
    'XML',
    hold('<hold/>', {
      headers: { 'content-type': 'application/xml' },
      status: 415,
      code: 'unsupported_media_type',
    }),
  );
  add(
    'a 2 MiB body',
    hold(`{"cartId":"${'x'.repeat(2 * 1024 * 1024)}"}`, { status: 413, code: 'payload_too_large' }),
  );
  add('JSON 20000 levels deep', hold(`${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`));
  add('JSON array body', hold([line]));
  add('JSON null body', hold('null'));
  add('JSON string body', hold('"hold"'));
  add(
    '100000 lines',
    hold(
      { cartId: 'c', lines: Array.from({ length: 100_000 }, () => line) },
      { status: 413, code: 'payload_too_large' },
    ),
  );
  add('1000 lines', hold({ cartId: 'c', lines: Array.from({ length: 1000 }, () => line) }));
  add('no lines', hold({ cartId: 'c', lines: [] }));
  add('lines not a list', hold({ cartId: 'c', lines: line }));
  add('unknown field', hold({ cartId: 'c', lines: [line], admin: true }));
  // Prototype poisoning is refused by the JSON parser itself, before any schema sees it.
  add(
    '__proto__ field',
    hold('{"cartId":"c","lines":[],"__proto__":{"admin":true}}', { code: 'invalid_json' }),
  );
  add(
    'constructor field',
    hold({ cartId: 'c', lines: [line], constructor: { prototype: {} } }, { code: 'invalid_json' }),
  );

  // Wrong types and impossible quantities.
  const quantities: unknown[] = [
    -1,
    0,
    1.5,
    0.0001,
    '2',
    null,
    true,
    10_001,
    1e21,
    [1],
    { n: 1 },
    -0.5,
  ];
  for (const quantity of quantities)
    add(
      `quantity ${JSON.stringify(quantity)}`,
      hold({ cartId: 'c', lines: [{ ...line, quantity }] }),
    );
  add(
    'quantity NaN as text',
    hold(
      `{"cartId":"c","lines":[{"sku":"${real.sku}","location":"${real.location}","quantity":NaN}]}`,
      { code: 'invalid_json' },
    ),
  );
  add(
    'quantity 1e400',
    hold(
      `{"cartId":"c","lines":[{"sku":"${real.sku}","location":"${real.location}","quantity":1e400}]}`,
    ),
  );
  const ttls: unknown[] = [-5, 0, 1.5, 'an hour', '2026-13-45T25:61:00Z', null];
  for (const ttlSeconds of ttls)
    add(
      `ttlSeconds ${JSON.stringify(ttlSeconds)}`,
      hold({ cartId: 'c', lines: [line], ttlSeconds }),
    );
  add('cartId a number', hold({ cartId: 42, lines: [line] }));
  add('cartId empty', hold({ cartId: '', lines: [line] }));
  add('cartId of 300 characters', hold({ cartId: 'c'.repeat(300), lines: [line] }));
  add('both item and sku', hold({ cartId: 'c', lines: [{ ...line, item: 'x' }] }));
  add(
    'neither item nor sku',
    hold({ cartId: 'c', lines: [{ location: real.location, quantity: 1 }] }),
  );
  add('location a list', hold({ cartId: 'c', lines: [{ ...line, location: [real.location] }] }));

  // Unknown things, and SQL and HTML in every string field.
  add(
    'unknown SKU',
    hold(
      { cartId: 'c', lines: [{ ...line, sku: 'NO-SUCH-SKU' }] },
      { status: 404, code: 'unknown_item' },
    ),
  );
  add(
    'unknown location',
    hold(
      { cartId: 'c', lines: [{ ...line, location: 'no-such-store' }] },
      { status: 404, code: 'unknown_location' },
    ),
  );
  add(
    'unknown item id',
    hold(
      { cartId: 'c', lines: [{ location: real.location, item: 'si-0', quantity: 1 }] },
      { status: 404, code: 'unknown_item' },
    ),
  );
  for (const text of INJECTIONS) {
    // PostgreSQL cannot store U+0000, so text holding it is refused at the edge on both engines.
    const nul = text.includes('\u0000');
    const refused = (status: number, code: HostileApiRequest['code']) =>
      nul ? { status: 400, code: 'invalid_request' as const } : { status, code };
    add(
      `SKU ${JSON.stringify(text)}`,
      hold({ cartId: 'c', lines: [{ ...line, sku: text }] }, refused(404, 'unknown_item')),
    );
    add(
      `location ${JSON.stringify(text)}`,
      hold({ cartId: 'c', lines: [{ ...line, location: text }] }, refused(404, 'unknown_location')),
    );
    add(
      `item ${JSON.stringify(text)}`,
      hold(
        { cartId: 'c', lines: [{ location: real.location, item: text, quantity: 1 }] },
        refused(404, 'unknown_item'),
      ),
    );
    add(
      `cartId ${JSON.stringify(text)}, more than sellable`,
      hold(
        { cartId: text, lines: [{ ...line, quantity: 10_000 }] },
        refused(409, 'insufficient_stock'),
      ),
    );
    add(`hold id ${JSON.stringify(text)} released`, {
      name: '',
      method: 'POST',
      url: `/v1/holds/${encodeURIComponent(text)}/release`,
      body: {},
      ...refused(404, 'not_found'),
    });
    add(`status filter ${JSON.stringify(text)}`, {
      name: '',
      method: 'GET',
      url: `/v1/holds?status=${encodeURIComponent(text)}`,
      status: 400,
      code: 'invalid_request',
    });
  }
  add('order id with SQL', {
    name: '',
    method: 'POST',
    url: '/v1/holds/h-1/convert',
    body: { orderId: '1 OR 1=1' },
    status: 400,
    code: 'invalid_request',
  });
  add('extend by a date', {
    name: '',
    method: 'POST',
    url: '/v1/holds/h-1/extend',
    body: { ttlSeconds: '2026-01-01T00:00:00+25:00' },
    status: 400,
    code: 'invalid_request',
  });

  // Reads with bad parameters: dates, time zones, limits and cursors nobody accepts.
  const reads: [string, string][] = [
    ['availability limit -1', '/v1/availability?limit=-1'],
    ['availability limit 1.5', '/v1/availability?limit=1.5'],
    ['availability limit 99999999', '/v1/availability?limit=99999999'],
    ['availability unknown parameter', '/v1/availability?since=yesterday'],
    ['availability sku repeated', `/v1/availability?sku=${real.sku}&sku=${real.sku}`],
    [
      'movements bad date and time zone',
      '/v1/movements?since=2026-02-30T25:00&timeZone=Mars%2FOlympus',
    ],
    ['movements cursor with SQL', `/v1/movements?cursor=${encodeURIComponent("' OR 1=1")}`],
    ['holds cursor not ours', '/v1/holds?cursor=AAAA'],
    ['holds location 200 characters', `/v1/holds?location=${'l'.repeat(200)}`],
    ['audit threshold 101', '/v1/reports/audit?threshold=101'],
    ['audit threshold -3', '/v1/reports/audit?threshold=-3'],
    ['audit format pdf', '/v1/reports/audit?format=pdf'],
    ['audit time zone', '/v1/reports/audit?timeZone=Europe%2FNowhere'],
  ];
  for (const [name, url] of reads)
    add(name, {
      name: '',
      method: 'GET',
      url,
      token: tokens.write,
      status: 400,
      code: 'invalid_request',
    });
  add('availability unknown location', {
    name: '',
    method: 'GET',
    url: '/v1/availability?location=nowhere',
    status: 404,
    code: 'unknown_location',
  });
  add('availability unknown item', {
    name: '',
    method: 'GET',
    url: `/v1/availability?item=${encodeURIComponent("'; --")}`,
    status: 404,
    code: 'unknown_item',
  });
  add('counts as JSON', {
    name: '',
    method: 'POST',
    url: '/v1/counts',
    body: { sku: real.sku, counted: -1 },
    status: 415,
    code: 'unsupported_media_type',
  });
  add('counts unknown option', {
    name: '',
    method: 'POST',
    url: '/v1/counts?dryRun=<b>1</b>',
    headers: { 'content-type': 'text/csv' },
    body: 'sku,counted\n',
    status: 400,
    code: 'invalid_request',
  });
  add('unknown route', {
    name: '',
    method: 'POST',
    url: '/v1/holds/../../admin',
    body: {},
    status: 404,
    code: 'not_found',
  });
  add('bad percent-encoding', {
    name: '',
    method: 'GET',
    url: '/v1/holds/%E0%A4%A',
    status: 400,
    code: 'invalid_request',
  });

  return cases.map((c) => ({ token: tokens.write, ...c }));
}
