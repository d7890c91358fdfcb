import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TbaSigner } from '../../../src/sources/netsuite/tba-signer.js';

const URL_WITH_QUERY = 'http://127.0.0.1:8080/services/rest/query/v1/suiteql?limit=1000&offset=0';

function signer(tokenSecret = 'ts'): TbaSigner {
  return new TbaSigner({
    accountId: '1234567-sb1',
    credentials: { consumerKey: 'ck', consumerSecret: 'cs', tokenId: 'tk', tokenSecret },
    clock: () => new Date(1_700_000_000 * 1000),
    nonce: () => 'n0nce',
  });
}

describe('TBA signatures', () => {
  it('match a signature worked out by hand from the RFC 5849 base string', () => {
    // Parameters sorted by name: limit < oauth_* < offset; the realm is left out.
    const baseString =
      'POST&http%3A%2F%2F127.0.0.1%3A8080%2Fservices%2Frest%2Fquery%2Fv1%2Fsuiteql&' +
      'limit%3D1000%26oauth_consumer_key%3Dck%26oauth_nonce%3Dn0nce%26' +
      'oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26' +
      'oauth_token%3Dtk%26oauth_version%3D1.0%26offset%3D0';
    const signature = createHmac('sha256', 'cs&ts').update(baseString).digest('base64');

    const header = signer().authorization('POST', URL_WITH_QUERY);

    expect(header).toBe(
      'OAuth realm="1234567_SB1", oauth_consumer_key="ck", oauth_nonce="n0nce", ' +
        `oauth_signature="${encodeURIComponent(signature)}", ` +
        'oauth_signature_method="HMAC-SHA256", oauth_timestamp="1700000000", ' +
        'oauth_token="tk", oauth_version="1.0"',
    );
  });

  it('give the literal signature computed outside Node for that nonce and timestamp', () => {
    // The base string above, signed with Python's hmac (key "cs&ts", SHA-256, base64):
    //   ewaQdYVLO59ExybJhFKbhEpCTRV6vQPKdIVXV5GmF1U=  (percent-encoded: ...F1U%3D)
    const header = signer().authorization('POST', URL_WITH_QUERY);

    expect(header).toContain('oauth_signature="ewaQdYVLO59ExybJhFKbhEpCTRV6vQPKdIVXV5GmF1U%3D"');
  });

  it('percent-encode the secrets in the signing key', () => {
    const baseString =
      'GET&http%3A%2F%2F127.0.0.1%3A8080%2Fservices%2Frest%2Frecord%2Fv1%2FinventoryAdjustment%2F7&' +
      'oauth_consumer_key%3Dck%26oauth_nonce%3Dn0nce%26oauth_signature_method%3DHMAC-SHA256%26' +
      'oauth_timestamp%3D1700000000%26oauth_token%3Dtk%26oauth_version%3D1.0';
    const signature = createHmac('sha256', 'cs&t%2Bs%2F%3D').update(baseString).digest('base64');

    const header = signer('t+s/=').authorization(
      'GET',
      'http://127.0.0.1:8080/services/rest/record/v1/inventoryAdjustment/7',
    );

    expect(header).toContain(`oauth_signature="${encodeURIComponent(signature)}"`);
  });

  it('keep the query parameters out of the header', () => {
    const header = signer().authorization('POST', URL_WITH_QUERY);

    expect(header).not.toContain('limit');
    expect(header).not.toContain('offset');
  });

  it('use a fresh nonce for every request by default', () => {
    const live = new TbaSigner({
      accountId: '1234567',
      credentials: { consumerKey: 'ck', consumerSecret: 'cs', tokenId: 'tk', tokenSecret: 'ts' },
      clock: () => new Date(1_700_000_000 * 1000),
    });
    const nonceOf = (header: string) => /oauth_nonce="([^"]+)"/.exec(header)?.[1];

    const first = nonceOf(live.authorization('POST', URL_WITH_QUERY));
    const second = nonceOf(live.authorization('POST', URL_WITH_QUERY));

    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).not.toBe(first);
  });
});
