import { describe, expect, it } from 'vitest';
import {
  netSuiteErrorFromResponse,
  parseNetSuiteErrorBody,
} from '../../../src/sources/netsuite/parse-netsuite-error.js';

function failed(status: number, body: unknown) {
  return { status, body, text: JSON.stringify(body) };
}

describe('NetSuite error bodies', () => {
  it('an invalid query becomes netsuite_request_refused with its code, detail and parameter', () => {
    const body = {
      type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1',
      title: 'Bad Request',
      status: 400,
      'o:errorDetails': [
        {
          detail: 'Invalid search query. Search error occurred: Record x was not found.',
          'o:errorQueryParam': 'q',
          'o:errorCode': 'INVALID_PARAMETER',
        },
      ],
    };

    const error = netSuiteErrorFromResponse(failed(400, body), 'stock page 1 of location 5');

    expect(error.code).toBe('netsuite_request_refused');
    expect(error.status).toBe(502);
    expect(error.netsuiteCodes).toEqual(['INVALID_PARAMETER']);
    expect(error.facts.details?.[0]?.errorAt).toBe('q');
    expect(error.facts.netsuiteStatus).toBe(400);
    expect(error.message).toContain('stock page 1 of location 5');
    expect(error.message).toContain('Record x was not found');
  });

  it('INVALID_LOGIN becomes netsuite_unauthorized with a hint about the realm and concurrency', () => {
    const body = {
      title: 'Unauthorized',
      status: 401,
      'o:errorDetails': [{ detail: 'Invalid login attempt.', 'o:errorCode': 'INVALID_LOGIN' }],
    };

    const error = netSuiteErrorFromResponse(failed(401, body), 'suiteql');

    expect(error.code).toBe('netsuite_unauthorized');
    expect(error.message).toContain('realm');
    expect(error.message).toContain('concurrency');
  });

  it('a 429, and a 400 carrying CONCURRENCY_LIMIT_EXCEEDED, are both concurrency refusals', () => {
    const body = {
      'o:errorDetails': [
        {
          detail: 'Concurrent request limit exceeded. Request blocked.',
          'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED',
        },
      ],
    };

    expect(netSuiteErrorFromResponse(failed(429, {}), 'x').code).toBe('netsuite_concurrency_limit');
    expect(netSuiteErrorFromResponse(failed(400, body), 'x').code).toBe(
      'netsuite_concurrency_limit',
    );
  });

  it('a 404, a 403 and a 5xx get their own codes', () => {
    expect(netSuiteErrorFromResponse(failed(404, {}), 'x').code).toBe('netsuite_not_found');
    expect(netSuiteErrorFromResponse(failed(403, {}), 'x').code).toBe('netsuite_forbidden');
    expect(netSuiteErrorFromResponse(failed(503, {}), 'x').code).toBe('netsuite_unavailable');
  });

  it('a body that is not JSON is quoted, flattened, in the message', () => {
    const error = netSuiteErrorFromResponse(
      { status: 502, body: undefined, text: '<html>\n  <h1>Bad Gateway</h1>\n</html>' },
      'suiteql',
    );

    expect(error.code).toBe('netsuite_unavailable');
    expect(error.message).toContain('(<html> <h1>Bad Gateway</h1> </html>)');
  });

  it('every detail is kept, in order', () => {
    const parsed = parseNetSuiteErrorBody({
      'o:errorDetails': [
        { detail: 'one', 'o:errorCode': 'USER_ERROR', 'o:errorPath': 'account' },
        { detail: 'two', 'o:errorCode': 'INVALID_FLD_VALUE', 'o:errorHeader': 'Prefer' },
        { detail: 'three' },
      ],
    });

    expect(parsed.details).toEqual([
      { detail: 'one', errorCode: 'USER_ERROR', errorAt: 'account' },
      { detail: 'two', errorCode: 'INVALID_FLD_VALUE', errorAt: 'Prefer' },
      { detail: 'three', errorCode: undefined, errorAt: undefined },
    ]);
  });

  it("the token endpoint's RFC 6749 shape is read as one detail", () => {
    const parsed = parseNetSuiteErrorBody({ error: 'invalid_client' });

    expect(parsed.details).toEqual([
      { detail: 'invalid_client', errorCode: 'invalid_client', errorAt: undefined },
    ]);
  });
});
