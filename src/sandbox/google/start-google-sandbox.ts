import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { googleErrorBody } from './google-error-body.js';
import type { SandboxError } from './google-error-body.js';
import { GoogleSandboxStore } from './google-sandbox-store.js';
import type { SandboxLocalInventory } from './google-sandbox-store.js';
import {
  availabilityNames,
  pickupMethodNames,
  pickupSlaNames,
} from './read-local-inventory-body.js';
import { routeInventoryRequest } from './route-inventory-request.js';

export interface GoogleSandboxOptions {
  /** The bearer token every request must carry. */
  readonly accessToken?: string;
  /** Loopback only; the default is 127.0.0.1. */
  readonly host?: '127.0.0.1' | '::1' | 'localhost';
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly store?: GoogleSandboxStore;
}

export interface GoogleSandbox {
  readonly url: string;
  readonly port: number;
  /** What to give `LocalInventoryServiceClient` (or the publisher) to reach this sandbox. */
  readonly endpoint: {
    readonly apiEndpoint: string;
    readonly port: number;
    readonly protocol: 'http';
  };
  readonly accessToken: string;
  readonly store: GoogleSandboxStore;
  close(): Promise<void>;
}

export const defaultSandboxAccessToken = 'sandbox-google-access-token';
const MAX_BODY_BYTES = 1024 * 1024;

/** A loopback fake of the Merchant API Inventories v1 local inventory endpoints (REST). */
export async function startGoogleSandbox(
  options: GoogleSandboxOptions = {},
): Promise<GoogleSandbox> {
  const store = options.store ?? new GoogleSandboxStore();
  const accessToken = options.accessToken ?? defaultSandboxAccessToken;
  const host = options.host ?? '127.0.0.1';

  const server = createServer((request, response) => {
    void handle(request, response, store, accessToken);
  });
  await listen(server, host, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '::1' ? '[::1]' : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    endpoint: { apiEndpoint: host, port, protocol: 'http' },
    accessToken,
    store,
    close: () => close(server),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  store: GoogleSandboxStore,
  accessToken: string,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
  const method = request.method ?? 'GET';
  const authorized = request.headers.authorization === `Bearer ${accessToken}`;

  const text = await readBody(request).catch(() => null);
  const body = text === null ? undefined : parseJson(text);
  const answer = (status: number, payload: unknown): void => {
    store.record({
      method,
      path: url.pathname,
      query: url.search,
      body: body === undefined || body === invalidJson ? text : body,
      authorized,
      status,
    });
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(payload));
  };
  const fail = (error: SandboxError): void => answer(error.httpStatus, googleErrorBody(error));

  if (!authorized) {
    return fail({
      httpStatus: 401,
      reason: 'SANDBOX_UNAUTHENTICATED',
      message: 'Request had invalid authentication credentials. Expected an OAuth 2 access token.',
    });
  }
  if (text === null) {
    return fail({
      httpStatus: 400,
      reason: 'SANDBOX_INVALID_FIELD',
      message: `The body is over ${MAX_BODY_BYTES} bytes.`,
    });
  }
  if (body === invalidJson)
    return fail({
      httpStatus: 400,
      reason: 'SANDBOX_INVALID_FIELD',
      message: 'Invalid JSON payload received.',
    });

  const fault = store.takeFault();
  if (fault) return fail(fault);

  // `$alt=json;enum-encoding=int` is what the official client asks for: enums come back as numbers.
  const numericEnums = (url.searchParams.get('$alt') ?? '').includes('enum-encoding=int');
  const result = routeInventoryRequest(store, {
    method,
    path: url.pathname,
    params: url.searchParams,
    body,
  });
  if (!result.ok) return fail(result.error);
  answer(200, encode(result.payload, numericEnums));
}

const invalidJson = Symbol('invalid JSON');

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return invalidJson;
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const enumNumbers: Readonly<Record<string, readonly string[]>> = {
  availability: availabilityNames,
  pickupMethod: pickupMethodNames,
  pickupSla: pickupSlaNames,
};

function encode(payload: unknown, numericEnums: boolean): unknown {
  if (!numericEnums) return payload;
  const encodeOne = (record: SandboxLocalInventory): unknown => {
    const attributes: Record<string, unknown> = { ...record.localInventoryAttributes };
    for (const [field, names] of Object.entries(enumNumbers)) {
      if (typeof attributes[field] === 'string')
        attributes[field] = names.indexOf(attributes[field]);
    }
    return { ...record, localInventoryAttributes: attributes };
  };
  if (isListPage(payload)) {
    return { ...payload, localInventories: payload.localInventories.map(encodeOne) };
  }
  if (isInventory(payload)) return encodeOne(payload);
  return payload;
}

function isListPage(payload: unknown): payload is { localInventories: SandboxLocalInventory[] } {
  return (
    typeof payload === 'object' &&
    payload !== null &&
    Array.isArray((payload as Record<string, unknown>)['localInventories'])
  );
}

function isInventory(payload: unknown): payload is SandboxLocalInventory {
  return typeof payload === 'object' && payload !== null && 'storeCode' in payload;
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // The client keeps connections alive; without this, close waits for them to time out.
    server.closeAllConnections();
  });
}
