import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../../../src/shared/clock.js';
import { startShopifySandbox } from '../../../src/sandbox/shopify/shopify-sandbox.js';
import type {
  ShopifySandbox,
  ShopifySandboxOptions,
} from '../../../src/sandbox/shopify/shopify-sandbox.js';

export const ACCESS_TOKEN = 'shpat_sandbox_test_token';
export const WEBHOOK_SECRET = 'test_client_secret';
export const SHOP = 'harness.myshopify.com';

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A loopback endpoint that records every webhook delivery, raw, and answers as told. */
export class WebhookReceiver {
  readonly deliveries: ReceivedDelivery[] = [];
  respond: (delivery: ReceivedDelivery, attempt: number) => number = () => 200;
  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const delivery = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.deliveries.push(delivery);
        const attempt = this.deliveries.filter(
          (d) => d.headers['x-shopify-webhook-id'] === req.headers['x-shopify-webhook-id'],
        ).length;
        res.statusCode = this.respond(delivery, attempt);
        res.end();
      });
    });
  }

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', () => resolve()));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks`;
  }

  topics(): string[] {
    return this.deliveries.map((delivery) => String(delivery.headers['x-shopify-topic']));
  }

  ofTopic(topic: string): ReceivedDelivery[] {
    return this.deliveries.filter((delivery) => delivery.headers['x-shopify-topic'] === topic);
  }

  clear(): void {
    this.deliveries.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface GraphqlReply {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }> | string;
    extensions?: {
      cost: {
        requestedQueryCost: number;
        actualQueryCost: number | null;
        throttleStatus: Record<string, number>;
      };
    };
  };
}

export interface Harness {
  sandbox: ShopifySandbox;
  clock: ManualClock;
  receiver: WebhookReceiver;
  gql(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphqlReply>;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<ShopifySandboxOptions> = {}): Promise<Harness> {
  const clock = new ManualClock('2026-03-02T19:05:09.250Z');
  const receiver = await WebhookReceiver.start();
  const sandbox = await startShopifySandbox({
    shop: SHOP,
    accessToken: ACCESS_TOKEN,
    webhookSecret: WEBHOOK_SECRET,
    webhookUrl: receiver.url,
    clock: clock.now,
    seed: 7,
    webhookRetryBaseMs: 5,
    ...options,
  });

  const gql = async (
    query: string,
    variables: Record<string, unknown> = {},
    token = ACCESS_TOKEN,
  ): Promise<GraphqlReply> => {
    const response = await fetch(`${sandbox.url}/admin/api/2026-04/graphql.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': token },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphqlReply['body'] };
  };

  return {
    sandbox,
    clock,
    receiver,
    gql,
    close: async () => {
      await sandbox.close();
      await receiver.close();
    },
  };
}

/** Checks Shopify's invariant on one level: on_hand is the sum of its parts. */
export function onHandParts(quantities: Record<string, number>): number {
  return (
    (quantities.available ?? 0) +
    (quantities.committed ?? 0) +
    (quantities.reserved ?? 0) +
    (quantities.damaged ?? 0) +
    (quantities.safety_stock ?? 0) +
    (quantities.quality_control ?? 0)
  );
}

export const gid = (type: string, id: string): string => `gid://shopify/${type}/${id}`;
