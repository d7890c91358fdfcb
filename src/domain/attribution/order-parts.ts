import type { DeliveryMethod } from './attribution-class.js';
import type { OrderFacts } from './order-facts.js';

/** Where some of an order's units leave stock: one location and one delivery method. */
export interface OrderPart {
  key: string;
  locationId: string;
  method: DeliveryMethod;
}

/** Units of each line item per part, as ordered (before any refund). */
export interface PartPlan {
  parts: Map<string, OrderPart>;
  ordered: Map<string, Map<string, number>>;
  /** Line items no fulfilment order places yet (routing not finished, or not read yet). */
  unrouted: string[];
}

export function partKey(locationId: string, method: DeliveryMethod): string {
  return `${locationId}/${method}`;
}

/**
 * Places every ordered unit in a part. Fulfilment orders give the units still assigned; units a
 * refund cancelled come back at the location the refund names (Shopify takes them off the
 * fulfilment order), never beyond what was ordered. What is still missing goes to the line's
 * first part; a POS line with no fulfilment order and no shipping is carry-out at the till.
 */
export function planParts(facts: OrderFacts): PartPlan {
  const parts = new Map<string, OrderPart>();
  const ordered = new Map<string, Map<string, number>>();
  const partOf = (locationId: string, method: DeliveryMethod): OrderPart => {
    const key = partKey(locationId, method);
    const known = parts.get(key) ?? { key, locationId, method };
    parts.set(key, known);
    return known;
  };
  const quantityOf = new Map(facts.lines.map((line) => [line.id, line.quantity]));
  const placed = (lineId: string) =>
    [...(ordered.get(lineId)?.values() ?? [])].reduce((sum, units) => sum + units, 0);
  const add = (lineId: string, part: OrderPart, units: number) => {
    const room = (quantityOf.get(lineId) ?? 0) - placed(lineId);
    const taken = Math.min(units, room);
    if (taken <= 0) return;
    const byPart = ordered.get(lineId) ?? new Map<string, number>();
    byPart.set(part.key, (byPart.get(part.key) ?? 0) + taken);
    ordered.set(lineId, byPart);
  };

  for (const fulfilmentOrder of facts.fulfilmentOrders) {
    const part = partOf(fulfilmentOrder.locationId, fulfilmentOrder.method);
    for (const line of fulfilmentOrder.lines) add(line.lineItemId, part, line.totalQuantity);
  }
  for (const refund of facts.refunds) {
    for (const line of refund.lines) {
      if (line.restockType !== 'cancel' || !line.locationId) continue;
      const method = linePartAt(ordered, parts, line.lineItemId, line.locationId)?.method;
      const fallback = firstPartOf(ordered, parts, line.lineItemId)?.method ?? 'SHIPPING';
      add(line.lineItemId, partOf(line.locationId, method ?? fallback), line.quantity);
    }
  }

  const unrouted: string[] = [];
  for (const line of facts.lines) {
    const missing = line.quantity - placed(line.id);
    if (missing <= 0) continue;
    const first = firstPartOf(ordered, parts, line.id);
    if (first) add(line.id, first, missing);
    else if (facts.sourceName === 'pos' && facts.sellingLocationId && !facts.hasShipping)
      add(line.id, partOf(facts.sellingLocationId, 'RETAIL'), missing);
    else unrouted.push(line.id);
  }
  return { parts, ordered, unrouted };
}

/** The part of a line at a location (the first, if the line has several methods there). */
export function linePartAt(
  ordered: PartPlan['ordered'],
  parts: PartPlan['parts'],
  lineId: string,
  locationId: string,
): OrderPart | undefined {
  for (const key of ordered.get(lineId)?.keys() ?? []) {
    const part = parts.get(key);
    if (part?.locationId === locationId) return part;
  }
  return undefined;
}

export function firstPartOf(
  ordered: PartPlan['ordered'],
  parts: PartPlan['parts'],
  lineId: string,
): OrderPart | undefined {
  const first = ordered.get(lineId)?.keys().next().value;
  return first === undefined ? undefined : parts.get(first);
}
