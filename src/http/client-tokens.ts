import * as crypto from 'node:crypto';
import type { ClientToken, TrueshelfConfig } from '../config/config-schema.js';
import { TrueshelfError } from '../shared/error-catalogue.js';
import { sha256 } from '../shared/sha256.js';

export type Scope = ClientToken['scopes'][number];

/** admin implies write implies read. */
const SCOPE_RANK: Readonly<Record<Scope, number>> = { read: 1, write: 2, admin: 3 };

export interface ApiClient {
  readonly name: string;
  readonly scope: Scope;
}

interface KnownToken {
  readonly client: ApiClient;
  readonly digest: Buffer;
}

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/**
 * The named client tokens of the config, held only as sha256 digests. A presented token is
 * hashed too, so every comparison is between two 32-byte buffers in constant time, whatever the
 * lengths of the tokens, and every known token is compared so timing does not say which matched.
 */
export class ClientTokens {
  private readonly known: readonly KnownToken[];

  constructor(tokens: readonly ClientToken[]) {
    this.known = tokens.map((token) => ({
      client: { name: token.name, scope: highestScope(token.scopes) },
      digest: sha256(token.token),
    }));
  }

  /** `config.tokens` plus `config.apiToken`, the quick-set-up admin token named `env`. */
  static fromConfig(config: Readonly<TrueshelfConfig>): ClientTokens {
    const tokens: ClientToken[] = [...config.tokens];
    if (config.apiToken) tokens.push({ name: 'env', token: config.apiToken, scopes: ['admin'] });
    return new ClientTokens(tokens);
  }

  /** The client behind an `Authorization` header that holds at least `needed`, or a 401/403. */
  authorise(authorization: string | undefined, needed: Scope): ApiClient {
    const client = this.identify(authorization);

    if (SCOPE_RANK[client.scope] < SCOPE_RANK[needed]) {
      throw new TrueshelfError(
        'forbidden',
        `client "${client.name}" holds scope ${client.scope}; this route needs ${needed}`,
        { client: client.name, seen: client.scope, expected: needed },
      );
    }
    return client;
  }

  private identify(authorization: string | undefined): ApiClient {
    const presented = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
    if (presented === undefined) {
      throw new TrueshelfError('unauthorized', 'send Authorization: Bearer <client token>', {
        header: 'Authorization',
        seen: authorization === undefined ? 'nothing' : 'a value that is not a Bearer token',
        expected: 'Bearer <client token>',
      });
    }

    const digest = sha256(presented);
    let match: ApiClient | undefined;
    for (const token of this.known) {
      // No early exit: the loop takes as long whichever token matches.
      if (crypto.timingSafeEqual(token.digest, digest) && match === undefined) match = token.client;
    }

    if (!match) {
      throw new TrueshelfError(
        'unauthorized',
        'the bearer token is not one of the configured client tokens',
        {
          header: 'Authorization',
          seen: 'a token no client holds',
          expected: 'a token from the config (tokens, or TRUESHELF_API_TOKEN)',
        },
      );
    }
    return match;
  }
}

function highestScope(scopes: readonly Scope[]): Scope {
  return scopes.reduce<Scope>(
    (best, scope) => (SCOPE_RANK[scope] > SCOPE_RANK[best] ? scope : best),
    'read',
  );
}
