import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../../shared/clock.js';
import type { Clock } from '../../shared/clock.js';
import { CONCURRENCY_LIMIT_EXCEEDED, INVALID_LOGIN, netSuiteErrorBody } from './error-body.js';
import { M2mGrant } from './m2m-grant.js';
import type { SandboxM2mClient } from './m2m-grant.js';
import { NetSuiteSandboxStore } from './netsuite-sandbox-store.js';
import { answerRecord, RECORD_PATH } from './record-route.js';
import { json } from './sandbox-answer.js';
import type { SandboxAnswer } from './sandbox-answer.js';
import type { ConnectorOptions } from './sandbox-connector.js';
import { answerSuiteQl, SUITEQL_PATH } from './suiteql-route.js';
import { verifyTbaRequest } from './tba-verifier.js';
import type { SandboxTbaCredentials } from './tba-verifier.js';

export interface NetSuiteSandboxOptions {
  /** Either form; the realm a TBA header must carry is derived from it. */
  readonly accountId: string;
  /** Accept Token-Based Authentication with these secrets. */
  readonly tba?: SandboxTbaCredentials;
  /** Accept OAuth 2.0 M2M assertions signed by this client's key. */
  readonly m2m?: SandboxM2mClient;
  readonly clock?: Clock;
  readonly tokenLifetimeSeconds?: number;
  /** Refuse a REST request with 429 when more than this many are in flight. */
  readonly concurrencyLimit?: number;
  readonly maxRowsPerQuery?: number;
  /** The late connector; `cycleIntervalMs` runs its cycle on a timer (for the demo). */
  readonly connector?: ConnectorOptions & { readonly cycleIntervalMs?: number };
  readonly host?: '127.0.0.1' | '::1';
}

export interface NetSuiteSandbox {
  /** Pass this as the client's `baseUrl`. */
  readonly url: string;
  readonly store: NetSuiteSandboxStore;
  close(): Promise<void>;
}

const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';
const MAX_BODY_BYTES = 1_000_000;

/** Starts the loopback NetSuite on an ephemeral port. */
export async function startNetSuiteSandbox(
  options: NetSuiteSandboxOptions,
): Promise<NetSuiteSandbox> {
  if (!options.tba && !options.m2m)
    throw new RangeError('the sandbox needs tba or m2m credentials');
  const clock = options.clock ?? systemClock;
  const store = new NetSuiteSandboxStore(clock, options.connector);
  const sandbox = new SandboxServer(options, store, clock);

  const server = createServer((req, res) => void sandbox.serve(req, res));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });

  const interval = options.connector?.cycleIntervalMs;
  const timer =
    interval === undefined ? undefined : setInterval(() => store.runConnector(), interval);
  timer?.unref();

  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host === '::1' ? '[::1]' : host}:${port}`,
    store,
    close: () => close(server, timer),
  };
}

class SandboxServer {
  private readonly realm: string;
  private readonly grant: M2mGrant | undefined;
  private readonly usedNonces = new Set<string>();
  private inFlight = 0;

  constructor(
    private readonly options: NetSuiteSandboxOptions,
    private readonly store: NetSuiteSandboxStore,
    private readonly clock: Clock,
  ) {
    this.realm = options.accountId.toUpperCase().replaceAll('-', '_');
    this.grant = options.m2m
      ? new M2mGrant(options.m2m, store, options.tokenLifetimeSeconds ?? 3600)
      : undefined;
  }

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const counted = url.pathname !== TOKEN_PATH;
    if (counted) {
      this.inFlight += 1;
      this.store.maxInFlight = Math.max(this.store.maxInFlight, this.inFlight);
    }

    let answer: SandboxAnswer;
    try {
      answer = await this.answer(req, url);
    } catch (thrown) {
      const detail = thrown instanceof Error ? thrown.message : String(thrown);
      answer = json(500, netSuiteErrorBody(500, [{ detail, code: 'UNEXPECTED_ERROR' }]));
    }

    // Out of flight before the answer leaves, so a client that sends again at once is not
    // counted twice.
    if (counted) this.inFlight -= 1;
    write(res, answer);
  }

  private async answer(req: IncomingMessage, url: URL): Promise<SandboxAnswer> {
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    if (raw === undefined)
      return json(
        413,
        netSuiteErrorBody(400, [{ detail: 'Body too large.', code: 'INVALID_REQUEST' }]),
      );

    if (url.pathname === TOKEN_PATH && method === 'POST') return this.token(raw, url);
    if (!url.pathname.startsWith('/services/rest/')) {
      return json(
        404,
        netSuiteErrorBody(404, [
          { detail: `No service at ${url.pathname}.`, code: 'NONEXISTENT_ID' },
        ]),
      );
    }
    this.store.requests.push({ method, path: url.pathname });

    const refusal = this.authenticate(req, method, url);
    if (refusal !== undefined) {
      this.store.authFailures.push(refusal);
      return json(401, netSuiteErrorBody(401, [INVALID_LOGIN]));
    }

    const fault = this.store.takeFault();
    const overLimit =
      this.options.concurrencyLimit !== undefined && this.inFlight > this.options.concurrencyLimit;
    if (fault !== undefined || overLimit) {
      const status = fault?.status ?? 429;
      return json(status, netSuiteErrorBody(status, [CONCURRENCY_LIMIT_EXCEEDED]));
    }

    const body = parseJson(raw);
    if (url.pathname === SUITEQL_PATH && method === 'POST') {
      return answerSuiteQl({
        store: this.store,
        url,
        prefer: header(req, 'prefer'),
        body,
        maxRowsPerQuery: this.options.maxRowsPerQuery ?? 100_000,
      });
    }
    if (url.pathname.startsWith(RECORD_PATH)) return answerRecord(this.store, method, url, body);
    return json(
      404,
      netSuiteErrorBody(404, [
        { detail: `No service at ${url.pathname}.`, code: 'NONEXISTENT_ID' },
      ]),
    );
  }

  private async token(raw: string, url: URL): Promise<SandboxAnswer> {
    if (!this.grant) return json(400, { error: 'unauthorized_client' });
    const answer = await this.grant.grant(new URLSearchParams(raw), `${url.origin}${TOKEN_PATH}`);
    if (!answer.ok) {
      this.store.authFailures.push(answer.reason);
      return json(answer.status, answer.body);
    }
    return json(200, answer.body);
  }

  /** Undefined when the request may proceed; otherwise why it may not. */
  private authenticate(req: IncomingMessage, method: string, url: URL): string | undefined {
    const authorization = header(req, 'authorization') ?? '';

    if (authorization.startsWith('Bearer ')) {
      if (!this.grant) return 'the sandbox takes no bearer tokens (no m2m client)';
      return this.store.acceptsAccessToken(authorization.slice(7))
        ? undefined
        : 'unknown or expired bearer token';
    }
    if (authorization.startsWith('OAuth ')) {
      if (!this.options.tba) return 'the sandbox takes no TBA signatures (no tba credentials)';
      const verdict = verifyTbaRequest({
        authorization,
        method,
        url,
        realm: this.realm,
        credentials: this.options.tba,
        nowSeconds: Math.floor(this.clock().getTime() / 1000),
        usedNonces: this.usedNonces,
      });
      return verdict.ok ? undefined : verdict.reason;
    }
    return 'no Authorization header';
  }
}

function write(res: ServerResponse, answer: SandboxAnswer): void {
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers).end();
    return;
  }
  headers['Content-Type'] = 'application/json; charset=UTF-8';
  res.writeHead(answer.status, headers).end(JSON.stringify(answer.body));
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function close(server: Server, timer: NodeJS.Timeout | undefined): Promise<void> {
  if (timer) clearInterval(timer);
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
