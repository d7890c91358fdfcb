import type { RefundFact } from './order-facts.js';
import { firstPartOf, linePartAt, partKey } from './order-parts.js';
import type { OrderPart, PartPlan } from './order-parts.js';

export interface RefundAllocation {
  part: OrderPart;
  units: number;
  /** Taken from fulfilled units (their fulfilment credit is reversed too). */
  fromFulfilled: boolean;
}

/**
 * Per line item and part: units ordered, fulfilled, refunded while open and returned after
 * fulfilment. Refunds and fulfilments are placed against it in time order.
 */
export class UnitBook {
  private readonly fulfilled = new Map<string, number>();
  private readonly refundedOpen = new Map<string, number>();
  private readonly returned = new Map<string, number>();

  constructor(private readonly plan: PartPlan) {}

  /** Records a fulfilment at a location; answers the part it belongs to. */
  fulfil(lineItemId: string, locationId: string | null, units: number): OrderPart | undefined {
    const { ordered, parts } = this.plan;
    let part = locationId ? linePartAt(ordered, parts, lineItemId, locationId) : undefined;
    if (!part && locationId) {
      // Fulfilled somewhere its fulfilment order no longer names (it was moved): same method.
      const method = firstPartOf(ordered, parts, lineItemId)?.method ?? 'SHIPPING';
      const key = partKey(locationId, method);
      part = parts.get(key) ?? { key, locationId, method };
      parts.set(key, part);
    }
    part ??= firstPartOf(ordered, parts, lineItemId);
    if (!part) return undefined;
    bump(this.fulfilled, lineItemId, part, units);
    return part;
  }

  refundOpen(lineItemId: string, part: OrderPart, units: number): void {
    bump(this.refundedOpen, lineItemId, part, units);
  }

  openOf(lineItemId: string, part: OrderPart): number {
    const ordered = this.plan.ordered.get(lineItemId)?.get(part.key) ?? 0;
    return Math.max(
      0,
      ordered - read(this.fulfilled, lineItemId, part) - read(this.refundedOpen, lineItemId, part),
    );
  }

  returnableOf(lineItemId: string, part: OrderPart): number {
    return Math.max(
      0,
      read(this.fulfilled, lineItemId, part) - read(this.returned, lineItemId, part),
    );
  }

  take(lineItemId: string, part: OrderPart, units: number, fromFulfilled: boolean): void {
    bump(fromFulfilled ? this.returned : this.refundedOpen, lineItemId, part, units);
  }

  /** Parts a line has units in, ordered or fulfilled, in the plan's order. */
  partsOf(lineItemId: string): OrderPart[] {
    const keys = new Set(this.plan.ordered.get(lineItemId)?.keys() ?? []);
    for (const key of this.fulfilled.keys()) {
      const [line, part] = splitKey(key);
      if (line === lineItemId) keys.add(part);
    }
    return [...keys].flatMap((key) => {
      const part = this.plan.parts.get(key);
      return part ? [part] : [];
    });
  }

  /** Units neither fulfilled nor refunded, per line and part. */
  openUnits(): { lineItemId: string; part: OrderPart; units: number }[] {
    const open: { lineItemId: string; part: OrderPart; units: number }[] = [];
    for (const lineItemId of this.plan.ordered.keys()) {
      for (const part of this.partsOf(lineItemId)) {
        const units = this.openOf(lineItemId, part);
        if (units > 0) open.push({ lineItemId, part, units });
      }
    }
    return open;
  }
}

/**
 * Which units a refund line takes back: `cancel` takes unfulfilled units (first at the location
 * the refund names), `return` fulfilled ones (first where it was restocked), `no_restock`
 * fulfilled units first, then unfulfilled ones. Units beyond what the book knows (payloads out
 * of step) are taken as unfulfilled units of the line's first part.
 */
export function allocateRefundLine(
  book: UnitBook,
  line: RefundFact['lines'][number],
): RefundAllocation[] {
  const parts = book.partsOf(line.lineItemId);
  const preferred = line.locationId
    ? parts.filter((part) => part.locationId === line.locationId)
    : [];
  const ordered = [...preferred, ...parts.filter((part) => !preferred.includes(part))];
  const allocations: RefundAllocation[] = [];
  let left = line.quantity;

  const take = (candidates: OrderPart[], fromFulfilled: boolean) => {
    for (const part of candidates) {
      if (left === 0) return;
      const room = fromFulfilled
        ? book.returnableOf(line.lineItemId, part)
        : book.openOf(line.lineItemId, part);
      const units = Math.min(left, room);
      if (units <= 0) continue;
      book.take(line.lineItemId, part, units, fromFulfilled);
      allocations.push({ part, units, fromFulfilled });
      left -= units;
    }
  };

  if (line.restockType === 'cancel') take(ordered, false);
  else if (line.restockType === 'return') take(ordered, true);
  else {
    take(parts, true);
    take(parts, false);
  }
  const first = parts[0];
  if (left > 0 && first) allocations.push({ part: first, units: left, fromFulfilled: false });
  return allocations;
}

function bump(book: Map<string, number>, lineItemId: string, part: OrderPart, units: number) {
  const key = `${lineItemId}#${part.key}`;
  book.set(key, (book.get(key) ?? 0) + units);
}

function read(book: Map<string, number>, lineItemId: string, part: OrderPart): number {
  return book.get(`${lineItemId}#${part.key}`) ?? 0;
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf('#');
  return [key.slice(0, at), key.slice(at + 1)];
}
