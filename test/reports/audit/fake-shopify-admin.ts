import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface FakeLevel {
  available: number;
  onHand: number;
}

export interface AdjustCall {
  key: string | null;
  input: {
    name: string;
    reason: string;
    referenceDocumentUri?: string;
    changes: {
      inventoryItemId: string;
      locationId: string;
      delta: number;
      changeFromQuantity: number | null;
    }[];
  };
  outcome: 'applied' | 'replayed' | 'stale' | 'refused';
}

/**
 * A small stand-in for the Admin GraphQL endpoint on 127.0.0.1: it answers the level re-read
 * (`nodes` of InventoryLevel) and `inventoryAdjustQuantities` the way Shopify documents it:
 * every change checked against `changeFromQuantity` and applied together or not at all, a key
 * seen before answering as it did the first time.
 */
export class FakeShopifyAdmin {
  readonly adjustCalls: AdjustCall[] = [];
  readCalls = 0;
  private readonly levels = new Map<string, FakeLevel>();
  private readonly answered = new Map<string, unknown>();
  private server: Server | null = null;
  /** Runs once, just before the next mutation is handled (a sale at the till, say). */
  beforeNextAdjust: (() => void) | null = null;
  /** The next mutation is refused with this user error. */
  refuseNextAdjust: { code: string; message: string } | null = null;

  setLevel(itemId: string, locationId: string, available: number, onHand = available): void {
    this.levels.set(`${itemId}@${locationId}`, { available, onHand });
  }

  level(itemId: string, locationId: string): FakeLevel | undefined {
    return this.levels.get(`${itemId}@${locationId}`);
  }

  /** Sells at the till: both available and on hand go down. */
  sell(itemId: string, locationId: string, units: number): void {
    const level = this.levels.get(`${itemId}@${locationId}`)!;
    level.available -= units;
    level.onHand -= units;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      query: string;
      variables: Record<string, unknown>;
    };

    const data = body.query.includes('inventoryAdjustQuantities')
      ? this.adjust(body.query, body.variables['input'] as AdjustCall['input'])
      : this.readLevels(body.variables['ids'] as string[]);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data }));
  }

  private readLevels(ids: string[]): unknown {
    this.readCalls += 1;
    const nodes = ids.map((gid) => {
      const match = /^gid:\/\/shopify\/InventoryLevel\/(\d+)\?inventory_item_id=(\d+)$/.exec(gid);
      const level = match ? this.levels.get(`${match[2]}@${match[1]}`) : undefined;
      if (!match || !level) return null;
      return {
        id: gid,
        location: { id: `gid://shopify/Location/${match[1]}`, name: `Location ${match[1]}` },
        item: {
          id: `gid://shopify/InventoryItem/${match[2]}`,
          sku: null,
          tracked: true,
          variant: null,
        },
        quantities: [
          { name: 'available', quantity: level.available, updatedAt: null },
          { name: 'on_hand', quantity: level.onHand, updatedAt: null },
        ],
      };
    });
    return { nodes };
  }

  private adjust(query: string, input: AdjustCall['input']): unknown {
    const key = /@idempotent\(key: "([^"]+)"\)/.exec(query)?.[1] ?? null;
    const fingerprint = JSON.stringify(input);
    if (key && this.answered.has(`${key}|${fingerprint}`)) {
      this.adjustCalls.push({ key, input, outcome: 'replayed' });
      return this.answered.get(`${key}|${fingerprint}`);
    }

    this.beforeNextAdjust?.();
    this.beforeNextAdjust = null;

    const refusal = this.refuseNextAdjust;
    this.refuseNextAdjust = null;
    const userErrors: { code: string; field: string[]; message: string }[] = refusal
      ? [{ ...refusal, field: ['input'] }]
      : [];
    input.changes.forEach((change, index) => {
      const level = this.levels.get(
        `${numeric(change.inventoryItemId)}@${numeric(change.locationId)}`,
      );
      if (!level)
        userErrors.push({
          code: 'ITEM_NOT_STOCKED_AT_LOCATION',
          field: ['input', 'changes', String(index)],
          message: 'not stocked',
        });
      else if (
        change.changeFromQuantity !== null &&
        change.changeFromQuantity !== level.available
      ) {
        userErrors.push({
          code: 'CHANGE_FROM_QUANTITY_STALE',
          field: ['input', 'changes', String(index), 'changeFromQuantity'],
          message: 'stale',
        });
      }
    });

    if (userErrors.length > 0) {
      const stale = userErrors.every((e) => e.code === 'CHANGE_FROM_QUANTITY_STALE');
      this.adjustCalls.push({ key, input, outcome: stale ? 'stale' : 'refused' });
      return { inventoryAdjustQuantities: { inventoryAdjustmentGroup: null, userErrors } };
    }

    for (const change of input.changes) {
      const level = this.levels.get(
        `${numeric(change.inventoryItemId)}@${numeric(change.locationId)}`,
      )!;
      level.available += change.delta;
      level.onHand += change.delta;
    }
    const answer = {
      inventoryAdjustQuantities: {
        inventoryAdjustmentGroup: {
          id: `gid://shopify/InventoryAdjustmentGroup/${this.adjustCalls.length + 1}`,
        },
        userErrors: [],
      },
    };
    if (key) this.answered.set(`${key}|${fingerprint}`, answer);
    this.adjustCalls.push({ key, input, outcome: 'applied' });
    return answer;
  }
}

function numeric(gid: string): string {
  return gid.replace(/^.*\//, '');
}
