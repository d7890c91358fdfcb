import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fixedTokenAuth,
  merchantApiScope,
  serviceAccountAuth,
  serviceAccountFromEnv,
} from '../../../src/channels/google/google-auth.js';

describe('google auth', () => {
  let dir: string;
  let keyFile: string;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = {
    type: 'service_account',
    client_email: 'trueshelf@example-project.iam.gserviceaccount.com',
    private_key: pem,
    private_key_id: 'k1',
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trueshelf-google-auth-'));
    keyFile = join(dir, 'key.json');
    await writeFile(keyFile, JSON.stringify(key));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('builds a JWT client for the service account with the Merchant API scope', async () => {
    // No token is fetched: that would reach Google. Only the client's setup is checked.
    const fromFile = await serviceAccountAuth({ keyFile });
    const fromJson = await serviceAccountAuth({ keyJson: JSON.stringify(key) });

    for (const client of [fromFile, fromJson]) {
      expect(client.email).toBe(key.client_email);
      expect(client.scopes).toEqual([merchantApiScope]);
      expect(client.keyId).toBe('k1');
    }
  });

  it('refuses a key that is not a service account, without quoting the key', async () => {
    const user = JSON.stringify({ type: 'authorized_user', client_id: 'x', private_key: pem });
    await expect(serviceAccountAuth({ keyJson: user })).rejects.toMatchObject({
      code: 'google_credentials_invalid',
    });
    await expect(serviceAccountAuth({ keyJson: `${pem} not json` })).rejects.toSatisfy(
      (error: Error) => !error.message.includes('PRIVATE KEY'),
    );
    await expect(serviceAccountAuth({ keyFile: join(dir, 'missing.json') })).rejects.toMatchObject({
      code: 'google_credentials_invalid',
    });
  });

  it('reads the key from the environment, the JSON before a path', () => {
    expect(
      serviceAccountFromEnv({
        TRUESHELF_GOOGLE_SERVICE_ACCOUNT_JSON: '{}',
        GOOGLE_APPLICATION_CREDENTIALS: '/k.json',
      }),
    ).toEqual({ keyJson: '{}' });
    expect(serviceAccountFromEnv({ GOOGLE_APPLICATION_CREDENTIALS: '/k.json' })).toEqual({
      keyFile: '/k.json',
    });
    expect(serviceAccountFromEnv({})).toBeNull();
  });

  it('a fixed-token client presents its token without refreshing', async () => {
    const client = fixedTokenAuth('tok');
    expect(await client.getAccessToken()).toMatchObject({ token: 'tok' });
    expect(typeof client.fetch).toBe('function');
  });
});
