import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import { startNetSuiteSandbox } from '../../../src/sandbox/netsuite/start-netsuite-sandbox.js';
import type { NetSuiteSandbox } from '../../../src/sandbox/netsuite/start-netsuite-sandbox.js';
import { createNetSuiteClient } from '../../../src/sources/netsuite/netsuite-client.js';
import type { NetSuiteClient } from '../../../src/sources/netsuite/netsuite-client.js';
import type { M2mCredentials } from '../../../src/sources/netsuite/m2m-token-source.js';
import { ACCOUNT_ID } from './netsuite-fixture.js';

let rsa: { publicKey: KeyObject; privateKey: KeyObject };
let otherRsa: { publicKey: KeyObject; privateKey: KeyObject };
let sandbox: NetSuiteSandbox | undefined;

beforeAll(() => {
  rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
});

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

interface M2mHarness {
  readonly sandbox: NetSuiteSandbox;
  readonly client: NetSuiteClient;
  readonly clock: ManualClock;
  readonly forms: URLSearchParams[];
}

async function startM2m(
  credentials: Partial<M2mCredentials> = {},
  publicKey: KeyObject | string = rsa.publicKey,
): Promise<M2mHarness> {
  const clock = new ManualClock('2025-03-01T09:00:00Z');
  sandbox = await startNetSuiteSandbox({
    accountId: ACCOUNT_ID,
    m2m: { clientId: 'client-1', certificateId: 'cert-1', publicKey },
    clock: clock.now,
  });
  sandbox.store.setItemLocation({ item: '42', location: '7', onHand: 3 });

  const forms: URLSearchParams[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    if (String(input).endsWith('/oauth2/v1/token'))
      forms.push(new URLSearchParams(String(init?.body)));
    return fetch(input, init);
  };
  const client = createNetSuiteClient({
    accountId: ACCOUNT_ID,
    auth: {
      scheme: 'm2m',
      credentials: {
        clientId: 'client-1',
        certificateId: 'cert-1',
        privateKey: rsa.privateKey,
        ...credentials,
      },
    },
    baseUrl: sandbox.url,
    clock: clock.now,
    fetch: recordingFetch,
  });
  return { sandbox, client, clock, forms };
}

describe('OAuth 2.0 machine-to-machine against the sandbox', () => {
  it('a PS256 client assertion gets a bearer token that SuiteQL accepts', async () => {
    const { sandbox, client } = await startM2m();

    const { rows } = await client.stock.read({ locations: ['7'] });

    expect(rows.map((row) => row.onHand)).toEqual([3]);
    expect(sandbox.store.tokensIssued).toBe(1);
    expect(sandbox.store.authFailures).toEqual([]);
  });

  it('the assertion carries what NetSuite asks for: kid, iss, aud, scope and a short life', async () => {
    const { sandbox, client, forms } = await startM2m();

    await client.stock.read({ locations: ['7'] });

    const form = forms[0];
    expect(form?.get('grant_type')).toBe('client_credentials');
    expect(form?.get('client_assertion_type')).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
    const assertion = form?.get('client_assertion') ?? '';
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'PS256', typ: 'JWT', kid: 'cert-1' });
    const claims = decodeJwt(assertion);
    expect(claims).toMatchObject({
      iss: 'client-1',
      aud: `${sandbox.url}/services/rest/auth/oauth2/v1/token`,
      scope: 'rest_webservices',
      iat: Date.parse('2025-03-01T09:00:00Z') / 1000,
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(300);
  });

  it('the token is kept until a minute before it expires, then replaced', async () => {
    const { sandbox, client, clock } = await startM2m();

    await client.stock.read({ locations: ['7'] });
    await client.stock.read({ locations: ['7'] });
    clock.advance((3600 - 61) * 1000);
    await client.stock.read({ locations: ['7'] });
    expect(sandbox.store.tokensIssued).toBe(1);

    clock.advance(2 * 1000);
    await client.stock.read({ locations: ['7'] });
    expect(sandbox.store.tokensIssued).toBe(2);
  });

  it('parallel requests that find no token share one grant', async () => {
    const { sandbox, client } = await startM2m();

    await Promise.all([1, 2, 3, 4].map(() => client.stock.read({ locations: ['7'] })));

    expect(sandbox.store.tokensIssued).toBe(1);
  });

  it('a token NetSuite no longer honours is replaced once after the 401', async () => {
    const { sandbox, client } = await startM2m();
    await client.stock.read({ locations: ['7'] });
    sandbox.store.revokeAccessTokens();

    const { rows } = await client.stock.read({ locations: ['7'] });

    expect(rows).toHaveLength(1);
    expect(sandbox.store.tokensIssued).toBe(2);
  });

  it('an ES256 assertion is accepted too', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { sandbox, client } = await startM2m(
      { privateKey: ec.privateKey, algorithm: 'ES256' },
      ec.publicKey,
    );

    await client.stock.read({ locations: ['7'] });

    expect(sandbox.store.tokensIssued).toBe(1);
  });

  it('an assertion signed with another key is refused as netsuite_token_refused', async () => {
    const { sandbox, client } = await startM2m({ privateKey: otherRsa.privateKey });

    const read = client.stock.read({ locations: ['7'] });

    await expect(read).rejects.toMatchObject({ code: 'netsuite_token_refused' });
    expect(sandbox.store.authFailures[0]).toContain('signature');
    expect(sandbox.store.requests).toHaveLength(0);
  });

  it('a private key given as PEM works like a key object', async () => {
    const pem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const { sandbox, client } = await startM2m({ privateKey: pem });

    await client.stock.read({ locations: ['7'] });

    expect(sandbox.store.tokensIssued).toBe(1);
  });
});
