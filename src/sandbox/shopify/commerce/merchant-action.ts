import { levelPayload } from '../payloads/inventory-payloads.js';
import type { PayloadContext } from '../payloads/payload-context.js';
import type { ShopifyJsonValue } from '../payloads/shopify-json.js';
import type { LevelRecord, QuantityChange } from '../state/inventory-level.js';
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher.js';

/**
 * One merchant or shopper action (a sale, a refund, an app's inventory write). Its webhooks
 * share one event id and one trigger time, and go out only once the action has changed the
 * state completely, like Shopify's, which are queued after the change commits.
 */
export class MerchantAction {
  private readonly emissions: Array<{ topic: string; build: () => ShopifyJsonValue }> = [];
  private readonly availableChanged = new Map<string, LevelRecord>();
  private readonly onFlush: Array<() => void> = [];

  constructor(
    readonly eventId: string,
    readonly at: Date,
  ) {}

  /** A payload whose content is fixed when the action happens (orders, refunds, fulfillments). */
  emitSnapshot(topic: string, build: () => ShopifyJsonValue): void {
    let snapshot: ShopifyJsonValue | undefined;
    this.emissions.push({ topic, build: () => snapshot ?? null });
    this.onFlush.push(() => {
      snapshot = build();
    });
  }

  /** A payload built when it is sent. */
  emitLive(topic: string, build: () => ShopifyJsonValue): void {
    this.emissions.push({ topic, build });
  }

  /** Notes stock changes; a level whose `available` moved gets an `inventory_levels/update`. */
  noteChanges(level: LevelRecord, changes: QuantityChange[]): void {
    if (changes.some((change) => change.name === 'available')) {
      this.availableChanged.set(`${level.inventoryItemId}@${level.locationId}`, level);
    }
  }

  flush(dispatcher: WebhookDispatcher, payloads: PayloadContext): void {
    for (const snap of this.onFlush) snap();
    for (const level of this.availableChanged.values()) {
      // Built at send time, as Shopify's is: a later change shows in an earlier delivery.
      this.emitLive('inventory_levels/update', () =>
        levelPayload(level, payloads.state.items.get(level.inventoryItemId), payloads),
      );
    }
    for (const { topic, build } of this.emissions) {
      dispatcher.emit({ topic, eventId: this.eventId, triggeredAt: this.at, build });
    }
  }
}
