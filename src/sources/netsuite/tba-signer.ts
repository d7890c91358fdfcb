import { createHmac, randomBytes } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import type { Clock } from '../../shared/clock.js';
import { toRealmAccountId } from './account-id.js';

/** Token-Based Authentication secrets from an integration record and an access token. */
export interface TbaCredentials {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly tokenId: string;
  readonly tokenSecret: string;
}

export interface TbaSignerOptions {
  readonly accountId: string;
  readonly credentials: TbaCredentials;
  readonly clock: Clock;
  /** Injected so a test can fix the nonce; by default 32 random hex characters. */
  readonly nonce?: () => string;
}

/**
 * Signs requests with OAuth 1.0a as NetSuite's Token-Based Authentication wants it:
 * HMAC-SHA256 (SHA-1 was dropped in 2021), the realm in upper-case realm form, in the header but
 * not in the base string, and the query parameters (limit, offset) in the base string but not in
 * the header. A JSON body is never signed. No new TBA integrations can be made from 2027.1; this
 * is for shops that already have one.
 */
export class TbaSigner {
  readonly realm: string;
  private readonly credentials: TbaCredentials;
  private readonly clock: Clock;
  private readonly nonce: () => string;

  constructor(options: TbaSignerOptions) {
    this.realm = toRealmAccountId(options.accountId);
    this.credentials = options.credentials;
    this.clock = options.clock;
    this.nonce = options.nonce ?? (() => randomBytes(16).toString('hex'));
  }

  /** The `Authorization` header for one request; sign again for every attempt (fresh nonce). */
  authorization(method: string, url: string): string {
    const oauth = new OAuth({
      consumer: { key: this.credentials.consumerKey, secret: this.credentials.consumerSecret },
      signature_method: 'HMAC-SHA256',
      hash_function: (baseString, key) =>
        createHmac('sha256', key).update(baseString).digest('base64'),
      realm: this.realm,
    });
    const nonce = this.nonce();
    const timestamp = Math.floor(this.clock().getTime() / 1000);
    oauth.getNonce = () => nonce;
    oauth.getTimeStamp = () => timestamp;

    // `url` carries the query string, which the library folds into the base string; its header
    // writer keeps only realm and oauth_* parameters, as NetSuite requires.
    const signed = oauth.authorize(
      { method, url },
      { key: this.credentials.tokenId, secret: this.credentials.tokenSecret },
    );
    return oauth.toHeader(signed).Authorization;
  }
}
