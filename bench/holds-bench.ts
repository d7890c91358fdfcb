import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { Agent, request } from 'undici';
import { startTrueshelf } from '../src/app/start-trueshelf.js';
import { loadConfig } from '../src/config/load-config.js';
import type { ChannelModes } from '../src/engine/decision/refresh-decision.js';
import { NewHoldQueue } from '../src/engine/holds/new-hold-queue.js';
import { holdServiceFor } from '../src/http/v1/holds-routes.js';
import { timeOrderedId } from '../src/shared/time-ordered-id.js';
import { silentLogger } from '../src/shared/logger.js';
import type { Storage } from '../src/storage/storage.js';
import { openBenchDatabase, seedLevels } from './holds-bench-database.js';
import type { BenchEngine } from './holds-bench-database.js';
import { runClients } from './run-clients.js';
import { measureSqliteHoldFloor } from './sqlite-hold-floor.js';
import type { HoldFloor } from './sqlite-hold-floor.js';
import type { ClientOutcome, ClientsResult } from './run-clients.js';

const STORE = 'bench-store';
const TOKEN = 'bench-holds-token-0123456789';
const SPREAD_ITEMS = 10_000;
/** So many units per level that no run ever runs out: every refusal would be a fault. */
const UNITS = 100_000_000;

export type HoldsScenario = 'one hot item' | '10,000 items';

/** Idempotency keys and cart ids are visible ASCII without spaces. */
const slug = (scenario: HoldsScenario) => (scenario === 'one hot item' ? 'hot' : 'spread');

export interface HoldsBenchRow {
  engine: BenchEngine;
  scenario: HoldsScenario;
  /** The bare conditional UPDATE from `clients` concurrent callers on trueshelf's own pool. */
  statement: ClientsResult;
  /** The new-hold step alone (`NewHoldQueue`): a new cart's hold rows, key and claim, grouped
   * with the holds that came meanwhile, and their levels decided, in one transaction. Where
   * the floor is: the rest of `service` is the line look-up, the policy and the answer. */
  step: ClientsResult;
  /** `HoldService.place`: the lines looked up and checked against the policy, then the new-hold
   * step as above. */
  service: ClientsResult;
  /** A bare HTTP server that runs only the conditional UPDATE per request. */
  bareHttp: ClientsResult;
  /** `POST /v1/holds` through trueshelf's real server (auth, schema, idempotency, service). */
  http: ClientsResult;
  /** SQLite only: the rows a durable hold must write, raw, with nothing else (the floor). */
  floor: HoldFloor | null;
}

/**
 * Holds per second and latency with `clients` concurrent clients, on one hot item and spread
 * over 10,000 items, against same-run baselines on the same database: the bare conditional
 * UPDATE (`held = held + 1 WHERE ... AND gross - held >= 1`) called directly, and the same
 * statement behind a bare HTTP server. Each hold is one unit for a new cart, so every request
 * is a claim (no replacement, no idempotent replay). Shopify runs in publish mode at a managed
 * store, so each hold also queues its outbox push; the workers are off, nothing is sent.
 */
export async function runHoldsBench(options: {
  engines: readonly BenchEngine[];
  seconds: number;
  clients: number;
}): Promise<HoldsBenchRow[]> {
  const rows: HoldsBenchRow[] = [];
  for (const engine of options.engines) rows.push(...(await benchEngine(engine, options)));
  return rows;
}

async function benchEngine(
  engine: BenchEngine,
  options: { seconds: number; clients: number },
): Promise<HoldsBenchRow[]> {
  const database = await openBenchDatabase(engine);
  const running = await startTrueshelf(benchConfig(database.url), {
    logger: silentLogger(),
    workers: false,
  });
  const bare = await startBareServer(running.context.storage);
  const agent = new Agent({ connections: options.clients, pipelining: 1 });

  try {
    const storage = running.context.storage;
    const at = new Date().toISOString();
    const spread = Array.from({ length: SPREAD_ITEMS }, (_, n) => `item-${n}`);
    await seedLevels(storage, {
      itemIds: ['hot-item', ...spread],
      location: STORE,
      at,
      available: UNITS,
    });

    const service = holdServiceFor(running.context);
    // The modes `holdServiceFor` gives the service, so the step alone decides as it does.
    const { config } = running.context;
    const modes: ChannelModes = {
      shopify: config.shopify.mode,
      google: config.google.mode,
      googleSettings: config.google,
    };
    const scenarios: [HoldsScenario, (i: number) => string][] = [
      ['one hot item', () => 'hot-item'],
      // 7919 is prime to 10,000: consecutive requests walk every item before repeating one.
      ['10,000 items', (i) => `item-${(i * 7919) % SPREAD_ITEMS}`],
    ];

    const rows: HoldsBenchRow[] = [];
    for (const [scenario, itemOf] of scenarios) {
      const run = (label: string, operation: (i: number) => Promise<ClientOutcome>) =>
        runClients({
          clients: options.clients,
          seconds: options.seconds,
          maxOperations: 2_000_000,
          operation: (i) => operation(i),
        }).then((r) => ({ label, r }));

      // Baselines first, then their claims are undone, so the holds start from nothing held.
      const statement = await run('statement', (i) => claimBare(storage, itemOf(i)));
      const bareHttp = await run('bare-http', (i) =>
        postHold(agent, bare.url, `bare-${slug(scenario)}-${i}`, itemOf(i)),
      );
      const floor = storage.sqlite
        ? measureSqliteHoldFloor(storage.sqlite, {
            store: STORE,
            itemOf,
            seconds: options.seconds,
            label: slug(scenario),
          })
        : null;
      await sql`UPDATE levels SET held = 0`.execute(storage.db);

      const step = await run('step', (i) =>
        placeStepAlone(storage, modes, itemOf(i), `step-${slug(scenario)}-${i}`),
      );
      await sql`UPDATE levels SET held = 0, decision_stale = 0`.execute(storage.db);
      await sql`DELETE FROM decisions`.execute(storage.db);
      await sql`DELETE FROM outbox`.execute(storage.db);

      const serviced = await run('service', async (i) => {
        const result = await service.place({
          client: 'bench',
          idempotencyKey: `service-${slug(scenario)}-${i}`,
          cartId: `service-${slug(scenario)}-${i}`,
          lines: [{ item: itemOf(i), location: STORE, quantity: 1 }],
        });
        if (result.kind === 'placed') return 'ok';
        if (result.kind === 'insufficient_stock') return 'refused';
        throw new Error(`hold answered ${result.kind}`);
      });
      const http = await run('http', (i) =>
        postHold(agent, `${running.url}/v1/holds`, `http-${slug(scenario)}-${i}`, itemOf(i)),
      );

      rows.push({
        engine,
        scenario,
        statement: statement.r,
        step: step.r,
        service: serviced.r,
        bareHttp: bareHttp.r,
        http: http.r,
        floor,
      });
    }
    return rows;
  } finally {
    await agent.close();
    await bare.close();
    await running.close();
    await database.drop();
  }
}

/** The baseline: one autocommitted conditional UPDATE, the check in its WHERE. */
async function claimBare(storage: Storage, itemId: string): Promise<ClientOutcome> {
  const result = await sql`UPDATE levels SET held = held + 1
    WHERE item_id = ${itemId} AND location_handle = ${STORE}
      AND available + placed_safety_stock + placed_reserved - held >= 1`.execute(storage.db);
  return Number(result.numAffectedRows ?? 0n) === 1 ? 'ok' : 'refused';
}

/** One unit for a new cart through the new-hold step only (`NewHoldQueue`). */
async function placeStepAlone(
  storage: Storage,
  modes: ChannelModes,
  itemId: string,
  key: string,
): Promise<ClientOutcome> {
  const now = new Date();
  const outcome = await NewHoldQueue.of(storage, modes).place({
    holdId: timeOrderedId(),
    cartId: key,
    client: 'bench',
    idempotencyKey: key,
    fingerprint: key,
    demand: [{ itemId, locationHandle: STORE, quantity: 1 }],
    now: now.toISOString(),
    expiresAt: new Date(now.getTime() + 600_000).toISOString(),
  });
  if (outcome.kind === 'placed') return 'ok';
  if (outcome.kind === 'insufficient_stock') return 'refused';
  throw new Error(`the new-hold step answered ${outcome.kind} (${outcome.why})`);
}

async function postHold(
  agent: Agent,
  url: string,
  key: string,
  itemId: string,
): Promise<ClientOutcome> {
  const response = await request(url, {
    method: 'POST',
    dispatcher: agent,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body: JSON.stringify({
      cartId: key,
      lines: [{ item: itemId, location: STORE, quantity: 1 }],
    }),
  });
  const text = await response.body.text();
  if (response.statusCode === 201) return 'ok';
  if (response.statusCode === 409) return 'refused';
  throw new Error(
    `POST ${new URL(url).pathname} answered ${response.statusCode}: ${text.slice(0, 200)}`,
  );
}

/** A bare node:http server that parses the hold body and runs only the baseline UPDATE. */
async function startBareServer(
  storage: Storage,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        lines: { item: string }[];
      };
      claimBare(storage, body.lines[0]?.item ?? '')
        .then((outcome) => res.writeHead(outcome === 'ok' ? 201 : 409).end('{}'))
        .catch(() => res.writeHead(500).end('{}'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/holds`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function benchConfig(databaseUrl: string) {
  return loadConfig({
    flags: {
      port: 0,
      databaseUrl,
      logLevel: 'silent',
      'shopify.shop': 'bench.myshopify.com',
      'shopify.webhookSecret': 'bench-webhook-secret',
      'shopify.accessToken': 'unused',
      'shopify.adminUrl': 'http://127.0.0.1:9',
      'shopify.mode': 'publish',
      // The API's per-client rate limit would cap the HTTP leg at 100/s: the bench measures
      // the hold path, so its one client token is not limited.
      'api.requestsPerSecond': 0,
      tokens: [{ name: 'bench', token: TOKEN, scopes: ['read', 'write'] }],
      locations: [
        { handle: STORE, kind: 'store', timeZone: 'UTC', managed: true, mode: 'publish' },
      ],
    },
  });
}
