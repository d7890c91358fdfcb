import { createHmac, timingSafeEqual } from 'node:crypto';

/** The TBA secrets the sandbox account knows: one integration record and one access token. */
export interface SandboxTbaCredentials {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly tokenId: string;
  readonly tokenSecret: string;
}

export interface TbaCheck {
  readonly authorization: string;
  readonly method: string;
  /** The URL as the client addressed it: scheme, host (with port), path and query. */
  readonly url: URL;
  readonly realm: string;
  readonly credentials: SandboxTbaCredentials;
  readonly nowSeconds: number;
  /** Nonces already used, so a replayed header is refused. */
  readonly usedNonces: Set<string>;
}

export type TbaVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const TIMESTAMP_TOLERANCE_SECONDS = 300;
const PAIR = /([A-Za-z0-9_]+)="([^"]*)"/g;

/**
 * Verifies an OAuth 1.0a header the way NetSuite does, written from RFC 5849 with node:crypto
 * alone (the client signs with the `oauth-1.0a` package, so the two check each other).
 */
export function verifyTbaRequest(check: TbaCheck): TbaVerdict {
  if (!check.authorization.startsWith('OAuth ')) return refuse('not an OAuth header');
  const header = parseHeader(check.authorization.slice('OAuth '.length));

  const problem = headerProblem(header, check);
  if (problem !== undefined) return refuse(problem);

  const expected = signature(check, header);
  const given = Buffer.from(header.get('oauth_signature') ?? '', 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return refuse('the signature does not match the base string');
  }

  check.usedNonces.add(nonceKey(header));
  return { ok: true };
}

/** The RFC 5849 base string: METHOD & encoded base URI & encoded sorted parameters. */
export function tbaBaseString(
  method: string,
  url: URL,
  oauthParams: ReadonlyMap<string, string>,
): string {
  const pairs: Array<[string, string]> = [];
  for (const [name, value] of oauthParams) {
    if (name !== 'oauth_signature' && name !== 'realm') pairs.push([encode(name), encode(value)]);
  }
  for (const [name, value] of url.searchParams) pairs.push([encode(name), encode(value)]);
  pairs.sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1));

  const parameters = pairs.map(([name, value]) => `${name}=${value}`).join('&');
  const baseUri = `${url.protocol}//${url.host.toLowerCase()}${url.pathname}`;
  return [method.toUpperCase(), encode(baseUri), encode(parameters)].join('&');
}

function headerProblem(header: Map<string, string>, check: TbaCheck): string | undefined {
  const realm = header.get('realm');
  if (realm !== check.realm) return `realm ${String(realm)} is not ${check.realm}`;

  for (const name of header.keys()) {
    if (name !== 'realm' && !name.startsWith('oauth_'))
      return `${name} does not belong in the header`;
  }
  if (header.get('oauth_signature_method') !== 'HMAC-SHA256')
    return 'signature method is not HMAC-SHA256';
  if (header.get('oauth_version') !== '1.0') return 'oauth_version is not 1.0';
  if (header.get('oauth_consumer_key') !== check.credentials.consumerKey)
    return 'unknown consumer key';
  if (header.get('oauth_token') !== check.credentials.tokenId) return 'unknown token id';

  const timestamp = Number(header.get('oauth_timestamp'));
  if (
    !Number.isInteger(timestamp) ||
    Math.abs(timestamp - check.nowSeconds) > TIMESTAMP_TOLERANCE_SECONDS
  ) {
    return `timestamp ${String(header.get('oauth_timestamp'))} is not within 5 minutes of now`;
  }
  if (!header.get('oauth_nonce')) return 'no nonce';
  if (check.usedNonces.has(nonceKey(header))) return 'the nonce was used before';
  return undefined;
}

function signature(check: TbaCheck, header: ReadonlyMap<string, string>): Buffer {
  const { consumerSecret, tokenSecret } = check.credentials;
  const key = `${encode(consumerSecret)}&${encode(tokenSecret)}`;
  return createHmac('sha256', key)
    .update(tbaBaseString(check.method, check.url, header))
    .digest();
}

function parseHeader(text: string): Map<string, string> {
  const header = new Map<string, string>();
  for (const match of text.matchAll(PAIR)) {
    header.set(match[1] ?? '', decodeURIComponent(match[2] ?? ''));
  }
  return header;
}

function nonceKey(header: ReadonlyMap<string, string>): string {
  const part = (name: string) => header.get(name) ?? '';
  return `${part('oauth_token')}:${part('oauth_timestamp')}:${part('oauth_nonce')}`;
}

/** RFC 3986 unreserved characters stay; everything else is %XX. */
function encode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function refuse(reason: string): TbaVerdict {
  return { ok: false, reason };
}
