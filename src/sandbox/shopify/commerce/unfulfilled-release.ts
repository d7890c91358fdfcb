import type { LineItemRecord, OrderRecord } from '../state/records.js';
import type { CommerceContext } from './commerce-context.js';
import { settleFulfillmentOrderStatus } from './fulfillment-order-factory.js';
import type { MerchantAction } from './merchant-action.js';
import { changeStock } from './stock.js';

export interface ReleasedPortion {
  locationId: string;
  quantity: number;
}

/**
 * Takes unfulfilled units of a line off its open fulfillment orders (a cancel, an edit removal,
 * a refund of units not yet shipped). With `restock` the committed units return to available;
 * without, they leave the books: committed and on_hand drop, as units Shopify is told are gone.
 * The second is an inference: Shopify's docs do not say what an unrestocked refund of an
 * unfulfilled unit does to stock.
 */
export function releaseUnfulfilled(
  ctx: CommerceContext,
  action: MerchantAction,
  order: OrderRecord,
  line: LineItemRecord,
  quantity: number,
  restock: boolean,
): ReleasedPortion[] {
  const portions: ReleasedPortion[] = [];
  let left = quantity;

  for (const fulfillmentOrder of ctx.state.fulfillmentOrdersOf(order)) {
    for (const foLine of fulfillmentOrder.lines) {
      if (left === 0 || foLine.lineItemId !== line.id || foLine.remainingQuantity === 0) continue;
      const taken = Math.min(left, foLine.remainingQuantity);
      foLine.remainingQuantity -= taken;
      foLine.totalQuantity -= taken;
      left -= taken;
      changeStock(ctx, action, line.inventoryItemId, fulfillmentOrder.locationId, {
        committed: -taken,
        ...(restock ? { available: taken } : {}),
      });
      portions.push({ locationId: fulfillmentOrder.locationId, quantity: taken });
      settleFulfillmentOrderStatus(fulfillmentOrder, action.at);
    }
  }

  if (left > 0)
    throw new Error(`Line ${line.id} had ${quantity - left} unfulfilled units, not ${quantity}`);
  return portions;
}
