import { createPublicKey, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import type { Clock } from '../../shared/clock.js';
import type { NetSuiteSandboxStore } from './netsuite-sandbox-store.js';

/** The M2M client the sandbox account knows: an integration record and a certificate mapping. */
export interface SandboxM2mClient {
  readonly clientId: string;
  readonly certificateId: string;
  /** The public half of the uploaded certificate, as PEM (SPKI or certificate) or a key. */
  readonly publicKey: string | KeyObject;
}

export type GrantAnswer =
  | { readonly ok: true; readonly body: Record<string, string> }
  | {
      readonly ok: false;
      readonly status: number;
      readonly body: Record<string, string>;
      readonly reason: string;
    };

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const ALGORITHMS = ['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];
const MAX_ASSERTION_SECONDS = 3600;

/** The client credentials grant with a JWT assertion, and the bearer tokens it hands out. */
export class M2mGrant {
  private readonly key: KeyObject;
  private readonly clock: Clock;

  constructor(
    private readonly client: SandboxM2mClient,
    private readonly store: NetSuiteSandboxStore,
    private readonly tokenLifetimeSeconds: number,
  ) {
    this.clock = store.clock;
    this.key =
      typeof client.publicKey === 'string' ? createPublicKey(client.publicKey) : client.publicKey;
  }

  async grant(form: URLSearchParams, tokenUrl: string): Promise<GrantAnswer> {
    if (form.get('grant_type') !== 'client_credentials')
      return refused(400, 'unsupported_grant_type', 'grant_type');
    if (form.get('client_assertion_type') !== ASSERTION_TYPE) {
      return refused(400, 'invalid_request', 'client_assertion_type');
    }
    const assertion = form.get('client_assertion') ?? '';

    const problem = await this.assertionProblem(assertion, tokenUrl);
    if (problem !== undefined) return refused(401, 'invalid_client', problem);

    const accessToken = randomBytes(24).toString('base64url');
    this.store.issueAccessToken(
      accessToken,
      this.clock().getTime() + this.tokenLifetimeSeconds * 1000,
    );
    // NetSuite writes expires_in as a string.
    return {
      ok: true,
      body: {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: String(this.tokenLifetimeSeconds),
      },
    };
  }

  private async assertionProblem(assertion: string, tokenUrl: string): Promise<string | undefined> {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(assertion);
    } catch {
      return 'client_assertion is not a JWT';
    }
    if (header.typ !== 'JWT') return `typ ${String(header.typ)} is not JWT`;
    if (header.kid !== this.client.certificateId)
      return `kid ${String(header.kid)} is not the certificate id`;
    if (!ALGORITHMS.includes(String(header.alg)))
      return `alg ${String(header.alg)} is not accepted`;

    try {
      const { payload } = await jwtVerify(assertion, this.key, {
        algorithms: ALGORITHMS,
        issuer: this.client.clientId,
        audience: tokenUrl,
        currentDate: this.clock(),
        requiredClaims: ['iat', 'exp', 'scope'],
      });
      const lifetime = (payload.exp ?? 0) - (payload.iat ?? 0);
      if (lifetime > MAX_ASSERTION_SECONDS) return `exp is ${lifetime} s after iat, over 3600`;

      const scopes = Array.isArray(payload['scope'])
        ? payload['scope']
        : String(payload['scope']).split(',');
      if (!scopes.map((s) => String(s).trim()).includes('rest_webservices'))
        return 'scope lacks rest_webservices';
      return undefined;
    } catch (thrown) {
      return `assertion refused: ${thrown instanceof Error ? thrown.message : String(thrown)}`;
    }
  }
}

function refused(status: number, error: string, reason: string): GrantAnswer {
  return { ok: false, status, body: { error }, reason };
}
