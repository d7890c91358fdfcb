import type { Clock } from '../../shared/clock.js';
import { M2mTokenSource } from './m2m-token-source.js';
import type { M2mCredentials } from './m2m-token-source.js';
import { TbaSigner } from './tba-signer.js';
import type { TbaCredentials } from './tba-signer.js';

/** How the client proves who it is: OAuth 2.0 M2M by default, TBA for existing integrations. */
export type NetSuiteAuth =
  | { readonly scheme: 'm2m'; readonly credentials: M2mCredentials }
  | {
      readonly scheme: 'tba';
      readonly credentials: TbaCredentials;
      readonly nonce?: () => string;
    };

/** Writes the `Authorization` header of one request attempt. */
export interface RequestAuthorizer {
  readonly scheme: NetSuiteAuth['scheme'];
  authorization(method: string, url: string): Promise<string>;
  /** After a 401: forget what is cached; true when a second attempt could succeed. */
  forgetAfterUnauthorized(): boolean;
}

export interface RequestAuthorizerOptions {
  readonly auth: NetSuiteAuth;
  readonly accountId: string;
  readonly baseUrl: string;
  readonly clock: Clock;
  readonly fetch: typeof fetch;
}

export const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';

export function createRequestAuthorizer(options: RequestAuthorizerOptions): RequestAuthorizer {
  const { auth } = options;

  if (auth.scheme === 'tba') {
    const signer = new TbaSigner({
      accountId: options.accountId,
      credentials: auth.credentials,
      clock: options.clock,
      ...(auth.nonce ? { nonce: auth.nonce } : {}),
    });
    return {
      scheme: 'tba',
      authorization: (method, url) => Promise.resolve(signer.authorization(method, url)),
      // A signature does not go stale, so a retry would only repeat the refusal.
      forgetAfterUnauthorized: () => false,
    };
  }

  const tokens = new M2mTokenSource({
    tokenUrl: `${options.baseUrl}${TOKEN_PATH}`,
    credentials: auth.credentials,
    clock: options.clock,
    fetch: options.fetch,
  });
  return {
    scheme: 'm2m',
    authorization: async () => `Bearer ${await tokens.accessToken()}`,
    forgetAfterUnauthorized: () => {
      tokens.invalidate();
      return true;
    },
  };
}
