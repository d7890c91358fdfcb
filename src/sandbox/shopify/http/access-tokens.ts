import type { Clock } from '../../../shared/clock.js';
import type { RandomSource } from '../state/random-source.js';

/** Dev Dashboard client-credentials tokens live 24 hours less a second (research §9). */
export const TOKEN_LIFETIME_SECONDS = 86_399;

export type GrantResult =
  | { ok: true; accessToken: string; scope: string; expiresIn: number }
  | { ok: false; status: number; error: string; description: string };

export interface AccessTokensOptions {
  staticToken: string;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  scope: string;
  clock: Clock;
  random: RandomSource;
}

/** The configured admin token, plus tokens issued by the client-credentials grant. */
export class AccessTokens {
  private readonly issued = new Map<string, number>();

  constructor(private readonly options: AccessTokensOptions) {}

  grant(
    grantType: string | undefined,
    clientId: string | undefined,
    clientSecret: string | undefined,
  ): GrantResult {
    if (grantType !== 'client_credentials') {
      return {
        ok: false,
        status: 400,
        error: 'unsupported_grant_type',
        description: 'Only grant_type=client_credentials is supported.',
      };
    }
    const { clientId: expectedId, clientSecret: expectedSecret } = this.options;
    if (
      !expectedId ||
      !expectedSecret ||
      clientId !== expectedId ||
      clientSecret !== expectedSecret
    ) {
      return {
        ok: false,
        status: 401,
        error: 'invalid_client',
        description: 'Client authentication failed: unknown client_id or wrong client_secret.',
      };
    }

    const accessToken = `shpat_${this.options.random.hex(16)}`;
    this.issued.set(accessToken, this.options.clock().getTime() + TOKEN_LIFETIME_SECONDS * 1000);
    return { ok: true, accessToken, scope: this.options.scope, expiresIn: TOKEN_LIFETIME_SECONDS };
  }

  isValid(token: string | undefined): boolean {
    if (!token) return false;
    if (token === this.options.staticToken) return true;
    const expiresAt = this.issued.get(token);
    return expiresAt !== undefined && this.options.clock().getTime() < expiresAt;
  }
}
