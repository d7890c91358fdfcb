import { describe, expect, it } from 'vitest';
import { tbaBaseString, verifyTbaRequest } from '../../../src/sandbox/netsuite/tba-verifier.js';
import { TbaSigner } from '../../../src/sources/netsuite/tba-signer.js';

const credentials = { consumerKey: 'ck', consumerSecret: 'cs', tokenId: 'tk', tokenSecret: 'ts' };
const url = 'http://127.0.0.1:8080/services/rest/query/v1/suiteql?limit=1000&offset=0';
const nowSeconds = 1_700_000_000;

function sign(nonce = 'n0nce'): string {
  return new TbaSigner({
    accountId: '1234567_SB1',
    credentials,
    clock: () => new Date(nowSeconds * 1000),
    nonce: () => nonce,
  }).authorization('POST', url);
}

function verify(authorization: string, usedNonces = new Set<string>(), seconds = nowSeconds) {
  return verifyTbaRequest({
    authorization,
    method: 'POST',
    url: new URL(url),
    realm: '1234567_SB1',
    credentials,
    nowSeconds: seconds,
    usedNonces,
  });
}

describe('the sandbox TBA verifier', () => {
  it('builds the same base string as worked out by hand', () => {
    const params = new Map([
      ['realm', '1234567_SB1'],
      ['oauth_consumer_key', 'ck'],
      ['oauth_nonce', 'n0nce'],
      ['oauth_signature_method', 'HMAC-SHA256'],
      ['oauth_timestamp', '1700000000'],
      ['oauth_token', 'tk'],
      ['oauth_version', '1.0'],
      ['oauth_signature', 'ignored'],
    ]);

    expect(tbaBaseString('post', new URL(url), params)).toBe(
      'POST&http%3A%2F%2F127.0.0.1%3A8080%2Fservices%2Frest%2Fquery%2Fv1%2Fsuiteql&' +
        'limit%3D1000%26oauth_consumer_key%3Dck%26oauth_nonce%3Dn0nce%26' +
        'oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26' +
        'oauth_token%3Dtk%26oauth_version%3D1.0%26offset%3D0',
    );
  });

  it("accepts the client's signature", () => {
    expect(verify(sign())).toEqual({ ok: true });
  });

  it('refuses the realm in host form', () => {
    const hostForm = sign().replace('realm="1234567_SB1"', 'realm="1234567-sb1"');

    expect(verify(hostForm)).toMatchObject({ ok: false, reason: expect.stringContaining('realm') });
  });

  it('refuses query parameters in the header', () => {
    const withLimit = sign().replace('oauth_version="1.0"', 'oauth_version="1.0", limit="1000"');

    expect(verify(withLimit)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('limit'),
    });
  });

  it('refuses a replayed nonce and a stale timestamp', () => {
    const used = new Set<string>();
    expect(verify(sign('once'), used)).toEqual({ ok: true });

    expect(verify(sign('once'), used)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('nonce'),
    });
    expect(verify(sign('later'), new Set(), nowSeconds + 301)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('timestamp'),
    });
  });

  it('refuses a signature over other query parameters', () => {
    const forPageOne = sign();

    const result = verifyTbaRequest({
      authorization: forPageOne,
      method: 'POST',
      url: new URL(url.replace('offset=0', 'offset=1000')),
      realm: '1234567_SB1',
      credentials,
      nowSeconds,
      usedNonces: new Set(),
    });

    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('signature') });
  });
});
