import { holdPolicySchema } from '../domain/holds/hold-policy.js';
import { refreshDecision } from '../engine/decision/refresh-decision.js';
import type { ChannelModes } from '../engine/decision/refresh-decision.js';
import { HoldService } from '../engine/holds/hold-service.js';
import { HoldSweeper } from '../engine/holds/hold-sweeper.js';
import { holdsDb } from '../engine/holds/holds-database.js';
import { inWriteTransaction } from '../engine/holds/write-transaction.js';
import { createLogger } from '../shared/logger.js';
import { openStorage } from '../storage/open-storage.js';
import type { Storage } from '../storage/storage.js';
import { seedServiceHoldDatabase } from './seed-service-hold-database.js';
import type { HostAnswer, HostRequest, HostSetup } from './service-hold-protocol.js';

// Shadow everywhere: decisions are computed and stored, nothing is queued for a channel.
const MODES: ChannelModes = { shopify: 'shadow', google: 'shadow' };
const SWEEPS_AT_MOST = 10_000;

/**
 * The worker side of `ServiceHoldBook`: the product's `HoldService`, `HoldSweeper` and decision
 * refresh on a throwaway in-memory SQLite database with one location per store and one level
 * per simulated level. Before each hold it writes what the claim reads, as the mirror and the
 * last decision would have left them: `available` = the last read gross (trueshelf placed
 * nothing in this book's levels) and the decision's buffer.
 */
export class ServiceHoldHost {
  private nowMs = 0;
  private requests = 0;
  private readonly levels = new Map<string, number>();

  private constructor(
    private readonly storage: Storage,
    private readonly setup: HostSetup,
    private readonly service: HoldService,
    private readonly sweeper: HoldSweeper,
  ) {
    setup.skus.forEach((sku, level) =>
      this.levels.set(this.keyOf(sku, this.storeOf(level)), level),
    );
  }

  static async open(setup: HostSetup): Promise<ServiceHoldHost> {
    const storage = await openStorage('sqlite:');
    await seedServiceHoldDatabase(storage, setup);
    let host: ServiceHoldHost | null = null;
    const clock = () => new Date(host?.nowMs ?? 0);
    const policy = holdPolicySchema.parse({
      defaultTtlSeconds: setup.ttlSeconds,
      maxTtlSeconds: setup.ttlSeconds,
    });
    const service = new HoldService({ storage, policy, modes: MODES, clock });
    const logger = createLogger({ level: 'silent' });
    const sweeper = new HoldSweeper({ storage, clock, logger, modes: MODES });
    host = new ServiceHoldHost(storage, setup, service, sweeper);
    return host;
  }

  async handle(request: HostRequest): Promise<HostAnswer> {
    if (request.kind === 'close') {
      await this.storage.close();
      return { kind: 'closed' };
    }
    this.nowMs = request.nowMs;

    switch (request.kind) {
      case 'place':
        return this.place(request);
      case 'convert':
      case 'release': {
        const result = await this.service[request.kind](request.holdId);
        return { kind: 'changed', changed: result.kind === 'changed' };
      }
      case 'expire':
        for (let round = 0; round < SWEEPS_AT_MOST; round += 1) {
          if ((await this.sweeper.runOnce()) === 0) break;
        }
        return { kind: 'done' };
      case 'expired': {
        const row = await holdsDb(this.storage.db)
          .selectFrom('holds')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('status', '=', 'expired')
          .executeTakeFirstOrThrow();
        return { kind: 'count', count: Number(row.count) };
      }
      case 'held':
        return { kind: 'count', count: await this.heldAt(request.level) };
    }
  }

  private async place(request: Extract<HostRequest, { kind: 'place' }>): Promise<HostAnswer> {
    for (const basis of request.basis) await this.writeBasis(basis);

    this.requests += 1;
    const result = await this.service.place({
      client: 'simulator',
      idempotencyKey: `request-${this.requests}`,
      cartId: request.cartId,
      lines: request.lines.map((line) => ({ ...this.idsOf(line.level), quantity: line.units })),
      ttlSeconds: request.ttlSeconds,
    });
    if (result.kind === 'placed') return { kind: 'placed', holdId: result.hold.id };
    if (result.kind !== 'insufficient_stock') {
      throw new Error(`a fresh idempotency key was answered ${result.kind}`);
    }
    return {
      kind: 'short',
      short: result.short.map((line) => ({
        level: this.levelOf(line.item, line.location),
        requested: line.requested,
        sellable: line.sellable,
      })),
    };
  }

  /** Held units as a decision reads them: holds expired by now released first. */
  private async heldAt(level: number): Promise<number> {
    const key = { itemId: this.setup.skus[level]!, locationHandle: this.storeOf(level) };
    const now = new Date(this.nowMs).toISOString();
    const decision = await inWriteTransaction(this.storage, async (trx) => ({
      commit: true,
      value: await refreshDecision(trx, key, MODES, null, now),
    }));
    return decision?.held ?? 0;
  }

  private async writeBasis(basis: { level: number; gross: number; buffer: number }) {
    const db = holdsDb(this.storage.db);
    const key = {
      itemId: this.setup.skus[basis.level]!,
      locationHandle: this.storeOf(basis.level),
    };
    const now = new Date(this.nowMs).toISOString();
    await db
      .updateTable('levels')
      .set({ available: basis.gross, placed_safety_stock: 0, placed_reserved: 0 })
      .where('item_id', '=', key.itemId)
      .where('location_handle', '=', key.locationHandle)
      .execute();
    const decision = {
      gross: basis.gross,
      buffer: basis.buffer,
      held: 0,
      sellable: 0,
      target_safety_stock: 0,
      target_reserved: 0,
      computed_at: now,
    };
    await db
      .insertInto('decisions')
      .values({ item_id: key.itemId, location_handle: key.locationHandle, version: 1, ...decision })
      .onConflict((oc) =>
        oc.columns(['item_id', 'location_handle']).doUpdateSet({ buffer: basis.buffer }),
      )
      .execute();
  }

  private idsOf(level: number): { item: string; location: string } {
    return { item: this.setup.skus[level]!, location: this.storeOf(level) };
  }

  private storeOf(level: number): string {
    return this.setup.stores[this.setup.levelStore[level]!]!;
  }

  private levelOf(item: string, location: string): number {
    return this.levels.get(this.keyOf(item, location)) ?? -1;
  }

  private keyOf(item: string, location: string): string {
    return `${location}\u0000${item}`;
  }
}
