import { createPrivateKey, randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Clock } from '../../shared/clock.js';
import { NetSuiteError } from './netsuite-error.js';
import { netSuiteErrorFromResponse } from './parse-netsuite-error.js';

/** The algorithms NetSuite accepts for the client assertion (RS256 is not among them). */
export type M2mAlgorithm = 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512';

export type M2mScope = 'rest_webservices' | 'restlets' | 'suite_analytics';

/** OAuth 2.0 client credentials (machine-to-machine) set up on the integration record. */
export interface M2mCredentials {
  /** The integration record's client id: the assertion's `iss`. */
  readonly clientId: string;
  /** The certificate id from "OAuth 2.0 Client Credentials (M2M) Setup": the assertion's `kid`. */
  readonly certificateId: string;
  /** The private key of the uploaded certificate, as PEM or a key object. */
  readonly privateKey: string | KeyObject;
  readonly algorithm?: M2mAlgorithm;
  readonly scopes?: readonly M2mScope[];
}

export interface M2mTokenSourceOptions {
  /** `<base>/services/rest/auth/oauth2/v1/token`; also the assertion's `aud`. */
  readonly tokenUrl: string;
  readonly credentials: M2mCredentials;
  readonly clock: Clock;
  readonly fetch: typeof fetch;
  /** NetSuite allows at most 3600; a short assertion is less useful to anyone who copies it. */
  readonly assertionLifetimeSeconds?: number;
  /** Fetch a new token this long before the old one expires. */
  readonly refreshMarginSeconds?: number;
}

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const MAX_ASSERTION_SECONDS = 3600;

interface CachedToken {
  readonly accessToken: string;
  readonly expiresAtMs: number;
}

/** Exchanges a signed JWT for a bearer token and keeps it until shortly before it expires. */
export class M2mTokenSource {
  private cached: CachedToken | undefined;
  private pending: Promise<CachedToken> | undefined;
  private key: KeyObject | undefined;

  constructor(private readonly options: M2mTokenSourceOptions) {
    const lifetime = options.assertionLifetimeSeconds ?? 300;
    if (lifetime > MAX_ASSERTION_SECONDS) {
      throw new RangeError(`assertionLifetimeSeconds ${lifetime} is over NetSuite's 3600`);
    }
  }

  async accessToken(): Promise<string> {
    const marginMs = (this.options.refreshMarginSeconds ?? 60) * 1000;
    const nowMs = this.options.clock().getTime();
    if (this.cached && nowMs < this.cached.expiresAtMs - marginMs) return this.cached.accessToken;

    // One grant at a time: parallel requests that find no token wait for the same one.
    this.pending ??= this.requestToken().finally(() => {
      this.pending = undefined;
    });
    this.cached = await this.pending;
    return this.cached.accessToken;
  }

  /** Forgets the cached token, e.g. after NetSuite answered 401 to it. */
  invalidate(): void {
    this.cached = undefined;
  }

  private async requestToken(): Promise<CachedToken> {
    const issuedAtMs = this.options.clock().getTime();
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: await this.assertion(issuedAtMs),
    });

    let response: Response;
    try {
      response = await this.options.fetch(this.options.tokenUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
    } catch (thrown) {
      throw new NetSuiteError(
        'netsuite_unavailable',
        `could not reach the NetSuite token endpoint ${this.options.tokenUrl}`,
        { where: 'oauth2 token' },
        { cause: thrown },
      );
    }

    const text = await response.text();
    const body = parseJson(text);
    if (!response.ok) throw tokenRefused(response.status, body, text);

    return readToken(body, issuedAtMs);
  }

  private async assertion(issuedAtMs: number): Promise<string> {
    const { credentials } = this.options;
    const issuedAt = Math.floor(issuedAtMs / 1000);
    const lifetime = this.options.assertionLifetimeSeconds ?? 300;
    const scopes = credentials.scopes ?? ['rest_webservices'];

    this.key ??=
      typeof credentials.privateKey === 'string'
        ? createPrivateKey(credentials.privateKey)
        : credentials.privateKey;

    return new SignJWT({ scope: scopes.join(',') })
      .setProtectedHeader({
        alg: credentials.algorithm ?? 'PS256',
        typ: 'JWT',
        kid: credentials.certificateId,
      })
      .setIssuer(credentials.clientId)
      .setAudience(this.options.tokenUrl)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + lifetime)
      .setJti(randomUUID())
      .sign(this.key);
  }
}

function tokenRefused(status: number, body: unknown, text: string): NetSuiteError {
  const parsed = netSuiteErrorFromResponse({ status, body, text }, 'the oauth2 token grant');
  if (parsed.code === 'netsuite_unavailable') return parsed;
  return new NetSuiteError(
    'netsuite_token_refused',
    `${parsed.message} Check the client id, the certificate id (kid), that the public ` +
      'certificate on the M2M mapping matches the private key, and the role of the mapping.',
    parsed.facts,
  );
}

function readToken(body: unknown, issuedAtMs: number): CachedToken {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const accessToken = record['access_token'];
  // NetSuite writes expires_in as a string ("3600"); a number is accepted too.
  const expiresIn = Number(record['expires_in']);

  if (typeof accessToken !== 'string' || accessToken === '' || !(expiresIn > 0)) {
    throw new NetSuiteError(
      'netsuite_bad_response',
      'the NetSuite token endpoint answered 2xx without access_token and a positive expires_in',
      { where: 'oauth2 token', keys: Object.keys(record) },
    );
  }
  return { accessToken, expiresAtMs: issuedAtMs + expiresIn * 1000 };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
