import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/app/app-context.js';
import { buildServer } from '../../src/http/build-server.js';
import type { LevelView } from '../../src/http/v1/level-view.js';
import { signWebhookBody } from '../../src/sources/shopify/verify-webhook-signature.js';
import { SECRET, SHOP, startSpine } from '../support/spine-harness.js';
import type { Spine } from '../support/spine-harness.js';

export const DASHBOARD_TOKENS = {
  read: 'dash-read-token-7d1c0a9e4b',
  admin: 'dash-admin-token-3f82b6c15e',
} as const;

export interface DashboardSpine {
  spine: Spine;
  /** The dashboard server: the spine's own context, with the dashboard's named tokens. */
  url: string;
  availability(location?: string): Promise<LevelView[]>;
  /** Posts a signed delivery whose body cannot be parsed and waits until it is parked. */
  parkDelivery(): Promise<string>;
  deliveryStatus(id: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The spine harness does not take client tokens, so a second server is built on the spine's
 * context (same storage, metrics, clock and worker wake-ups) with a config that adds a read
 * and an admin token. Its dashboard and `/v1` then see exactly the spine's data.
 */
export async function startDashboardSpine(): Promise<DashboardSpine> {
  const spine = await startSpine({
    stock: {
      'store-north': { 'MUG-RED': 12, 'MUG-BLUE': 3, 'TEE-S': 7 },
      'store-south': { 'MUG-RED': 5, 'TEE-S': 1 },
      'warehouse-east': { 'MUG-RED': 40 },
    },
    bufferUnits: 2,
  });
  const base = spine.running.context;
  const context: AppContext = {
    ...base,
    config: Object.freeze({
      ...base.config,
      tokens: [
        { name: 'floor-read', token: DASHBOARD_TOKENS.read, scopes: ['read' as const] },
        { name: 'ops-admin', token: DASHBOARD_TOKENS.admin, scopes: ['admin' as const] },
      ],
    }),
  };
  const server: FastifyInstance = await buildServer(context);
  await server.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;

  const v1 = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${url}${path}`, {
      headers: { authorization: `Bearer ${DASHBOARD_TOKENS.read}` },
    });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return (await response.json()) as T;
  };

  const deliveryStatus = async (id: string) =>
    (
      await base.storage.db
        .selectFrom('deliveries')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).status;

  return {
    spine,
    url,
    availability: async (location) => {
      const query = location === undefined ? '' : `&location=${encodeURIComponent(location)}`;
      return (await v1<{ levels: LevelView[] }>(`/v1/availability?limit=5000${query}`)).levels;
    },
    parkDelivery: async () => {
      const webhookId = randomUUID();
      // Valid JSON, but an inventory signal that names no item: the parser refuses it.
      const body = JSON.stringify({ location_id: 1, available: 3 });
      const response = await fetch(`${url}/webhooks/shopify`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': 'inventory_levels/update',
          'x-shopify-shop-domain': SHOP,
          'x-shopify-webhook-id': webhookId,
          'x-shopify-api-version': '2026-04',
          'x-shopify-triggered-at': new Date().toISOString(),
          'x-shopify-hmac-sha256': signWebhookBody(body, SECRET),
        },
      });
      if (response.status !== 200) throw new Error(`the webhook answered ${response.status}`);

      for (let round = 0; round < 200; round += 1) {
        const row = await base.storage.db
          .selectFrom('deliveries')
          .select(['id', 'status'])
          .where('webhook_id', '=', webhookId)
          .executeTakeFirst();
        if (row?.status === 'unprocessable') return row.id;
        base.wakeInbox();
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error('the malformed delivery was not parked within 5 s');
    },
    deliveryStatus,
    close: async () => {
      await server.close();
      await spine.close();
    },
  };
}

/** The cause of a parked delivery is fixed (as a parser fix would): its body now names a level. */
export async function fixParkedDelivery(spine: Spine, id: string): Promise<void> {
  const body = JSON.stringify({ inventory_item_id: 1, location_id: 1, available: 3 });
  await spine.database.storage.db
    .updateTable('deliveries')
    .set({ body })
    .where('id', '=', id)
    .execute();
}
