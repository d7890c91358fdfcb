import { TrueshelfError } from '../../shared/error-catalogue.js';
import type { Clock } from '../../shared/clock.js';

export interface AccessTokenProvider {
  /** A token valid now; refreshed before it expires. */
  token(): Promise<string>;
}

/** A legacy custom app's static Admin API token. */
export function staticAccessToken(token: string): AccessTokenProvider {
  return { token: async () => token };
}

/**
 * Dev Dashboard apps: the client-credentials grant gives a token that expires after 24 h.
 * It is refreshed ten minutes before expiry, and concurrent callers share one refresh.
 */
export class ClientCredentialsTokenProvider implements AccessTokenProvider {
  private current: { token: string; expiresAt: number } | null = null;
  private refreshing: Promise<string> | null = null;

  constructor(
    private readonly options: {
      adminOrigin: string;
      clientId: string;
      clientSecret: string;
      clock: Clock;
      fetch?: typeof fetch;
    },
  ) {}

  async token(): Promise<string> {
    const now = this.options.clock().getTime();
    if (this.current && this.current.expiresAt - REFRESH_MARGIN_MS > now) return this.current.token;
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refresh(): Promise<string> {
    const doFetch = this.options.fetch ?? fetch;
    const response = await doFetch(`${this.options.adminOrigin}/admin/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: this.options.clientId,
        client_secret: this.options.clientSecret,
      }),
    });
    if (!response.ok) {
      throw new TrueshelfError(
        'shopify_api_error',
        `the client-credentials grant was refused with HTTP ${response.status}; check the client id and secret and that the app is installed`,
        { status: response.status },
      );
    }

    const body = (await response.json()) as { access_token?: string; expires_in?: number };
    if (typeof body.access_token !== 'string') {
      throw new TrueshelfError('shopify_api_error', 'the grant answer has no access_token', {});
    }
    const lifetimeMs = (body.expires_in ?? 86_399) * 1000;
    this.current = {
      token: body.access_token,
      expiresAt: this.options.clock().getTime() + lifetimeMs,
    };
    return body.access_token;
  }
}

const REFRESH_MARGIN_MS = 10 * 60 * 1000;
