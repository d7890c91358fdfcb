import { readFile } from 'node:fs/promises';
import { JWT, OAuth2Client } from 'google-auth-library';
import { toError } from '../../shared/error-catalogue.js';
import { GoogleChannelError } from './google-channel-error.js';

/** The one OAuth scope the Merchant API asks for. */
export const merchantApiScope = 'https://www.googleapis.com/auth/content';

export interface ServiceAccountSource {
  /** A path to the service-account key file Google Cloud hands out. */
  readonly keyFile?: string;
  /** The same JSON, inline (from a secret store or the environment). */
  readonly keyJson?: string;
}

/*
 * Where the environment can name the key. The JSON itself wins over a path; the standard
 * GOOGLE_APPLICATION_CREDENTIALS path is honoured last. Application Default Credentials beyond
 * that are not used on purpose: their fallback asks the cloud metadata server, which a shop's
 * own machine has no business asking.
 */
export function serviceAccountFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): ServiceAccountSource | null {
  const json = env['TRUESHELF_GOOGLE_SERVICE_ACCOUNT_JSON'];
  if (json) return { keyJson: json };
  const file =
    env['TRUESHELF_GOOGLE_SERVICE_ACCOUNT_FILE'] ?? env['GOOGLE_APPLICATION_CREDENTIALS'];
  return file ? { keyFile: file } : null;
}

/** A JWT client for the service account; it fetches and refreshes its own access tokens. */
export async function serviceAccountAuth(source: ServiceAccountSource): Promise<JWT> {
  const text = source.keyJson ?? (source.keyFile ? await readKeyFile(source.keyFile) : undefined);
  if (text === undefined) {
    throw new GoogleChannelError(
      'google_credentials_invalid',
      'no service-account key file or JSON was given',
    );
  }

  const key = parseKey(text, source.keyFile ?? 'the inline service-account JSON');
  return new JWT({
    email: key.clientEmail,
    key: key.privateKey,
    keyId: key.privateKeyId,
    scopes: [merchantApiScope],
  });
}

/**
 * An auth client that always presents one access token and never refreshes it: for the sandbox
 * and tests. It is a real OAuth2Client because the official client calls the auth client's
 * `fetch` (gax 5 and later), not only its headers.
 */
export function fixedTokenAuth(accessToken: string): OAuth2Client {
  const client = new OAuth2Client();
  // No expiry date: the client then never thinks the token is due for a refresh.
  client.setCredentials({ access_token: accessToken, token_type: 'Bearer' });
  return client;
}

async function readKeyFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (thrown) {
    throw new GoogleChannelError(
      'google_credentials_invalid',
      `cannot read the service-account key file ${path}: ${toError(thrown).message}`,
      { path },
      { cause: thrown },
    );
  }
}

function parseKey(
  text: string,
  where: string,
): { clientEmail: string; privateKey: string; privateKeyId: string | undefined } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The parser's message can quote the text, which holds the private key: leave it out.
    throw new GoogleChannelError(
      'google_credentials_invalid',
      `${where} is not JSON`,
      { where },
      { cause: new Error('JSON.parse failed') },
    );
  }
  const key =
    typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const clientEmail = key['client_email'];
  const privateKey = key['private_key'];
  if (
    key['type'] !== 'service_account' ||
    typeof clientEmail !== 'string' ||
    typeof privateKey !== 'string'
  ) {
    throw new GoogleChannelError(
      'google_credentials_invalid',
      `${where} is not a service-account key: expected "type": "service_account" with client_email and private_key`,
      { where, type: key['type'] },
    );
  }
  const keyId = key['private_key_id'];
  return { clientEmail, privateKey, privateKeyId: typeof keyId === 'string' ? keyId : undefined };
}
