import { attributionClasses, classifyPart, tagsFor } from './attribution-class.js';
import type { AttributionClass, SaleChannel } from './attribution-class.js';
import type { CreditLine } from './credit-line.js';
import type { CreditKind, CreditParty, CreditRules } from './credit-rules.js';
import type { LocationLookup, Money, OrderFacts } from './order-facts.js';
import { planParts } from './order-parts.js';
import type { OrderPart } from './order-parts.js';
import { allocateRefundLine, UnitBook } from './unit-book.js';
import { shareOfUnits, splitAmount } from './split-amount.js';

export type OrderAttribution =
  | { status: 'attributed'; classes: AttributionClass[]; tags: string[]; credits: CreditLine[] }
  | { status: 'unrouted'; lineItemIds: string[] };

const LOCATION_PARTIES = ['selling_store', 'fulfilling_location', 'ecommerce'] as const;

/**
 * Every party's credit for one order, as it stands given everything known about it. Sale
 * credit is booked at the order's instant for every unit in its part; fulfilment credit when
 * and where units are fulfilled, so a partial fulfilment earns only its units. A refund or
 * cancellation reverses the sale share of its units and, for fulfilled units, the fulfilment
 * share too; a cancelled order reverses whatever was still unfulfilled.
 */
export function attributeOrder(
  facts: OrderFacts,
  rules: CreditRules,
  locations: LocationLookup,
): OrderAttribution {
  const plan = planParts(facts);
  if (plan.unrouted.length > 0 && !facts.cancelledAt)
    return { status: 'unrouted', lineItemIds: plan.unrouted };

  const channel: SaleChannel =
    facts.sourceName === 'pos' && facts.sellingLocationId ? 'pos' : 'online';
  const handleOf = (id: string) => locations(id)?.handle ?? `shopify-${id}`;
  const classOf = (part: OrderPart) =>
    classifyPart(channel, part.method, locations(part.locationId)?.kind ?? null);
  const selling =
    channel === 'pos' && facts.sellingLocationId ? handleOf(facts.sellingLocationId) : null;
  const credits = new Map<string, CreditLine>();

  const emit = (
    cause: CreditLine['cause'],
    causeRef: string,
    occurredAt: string,
    lineItemId: string,
    part: OrderPart,
    credit: CreditKind,
    amount: Money,
  ) => {
    const attributionClass = classOf(part);
    const shares = rules[attributionClass][credit];
    const weights = LOCATION_PARTIES.map((party) => shares[party]);
    const shop = splitAmount(amount.shop, weights);
    const presentment = splitAmount(amount.presentment, weights);
    const portions: [CreditParty, number, number][] = LOCATION_PARTIES.map((party, i) => [
      party,
      shop[i] ?? 0,
      presentment[i] ?? 0,
    ]);
    portions.push([
      'associate',
      splitAmount(amount.shop, [shares.associate])[0] ?? 0,
      splitAmount(amount.presentment, [shares.associate])[0] ?? 0,
    ]);

    const fulfilling = handleOf(part.locationId);
    for (const [party, shopAmount, presentmentAmount] of portions) {
      if (shares[party] === 0 || (shopAmount === 0 && presentmentAmount === 0)) continue;
      const key = [credit, party, cause, causeRef, lineItemId, part.key].join('|');
      const known = credits.get(key);
      if (known) {
        known.amount += shopAmount;
        known.presentmentAmount += presentmentAmount;
        continue;
      }
      credits.set(key, {
        key,
        cause,
        causeRef,
        lineItemId,
        attributionClass,
        channel,
        credit,
        party,
        partyRef:
          party === 'selling_store'
            ? selling
            : party === 'associate'
              ? facts.staffId
              : party === 'fulfilling_location'
                ? fulfilling
                : null,
        sellingHandle: selling,
        fulfillingHandle: fulfilling,
        staffId: facts.staffId,
        dayHandle:
          party === 'fulfilling_location' ? fulfilling : party === 'ecommerce' ? null : selling,
        amount: shopAmount,
        presentmentAmount,
        occurredAt,
      });
    }
  };

  const book = new UnitBook(plan);
  const lineById = new Map(facts.lines.map((line) => [line.id, line]));
  const proRata = (amount: Money, units: number, of: number): Money => ({
    shop: shareOfUnits(amount.shop, units, of),
    presentment: shareOfUnits(amount.presentment, units, of),
  });

  // Sale credit: each line's value split over its parts by units, so the parts add up exactly.
  for (const line of facts.lines) {
    const placed = [...(plan.ordered.get(line.id) ?? new Map<string, number>())];
    const units = placed.map(([, n]) => n);
    const shop = splitAmount(line.amount.shop, units, line.quantity);
    const presentment = splitAmount(line.amount.presentment, units, line.quantity);
    placed.forEach(([key], i) => {
      const part = plan.parts.get(key);
      if (!part) return;
      emit('sale', facts.orderId, facts.createdAt, line.id, part, 'sale', {
        shop: shop[i] ?? 0,
        presentment: presentment[i] ?? 0,
      });
    });
  }

  for (const fulfillment of [...facts.fulfillments].sort(byCreatedAt)) {
    for (const entry of fulfillment.lines) {
      const line = lineById.get(entry.lineItemId);
      const part = line
        ? book.fulfil(entry.lineItemId, fulfillment.locationId, entry.quantity)
        : undefined;
      if (!line || !part) continue;
      const amount = proRata(line.amount, entry.quantity, line.quantity);
      emit(
        'fulfilment',
        fulfillment.id,
        fulfillment.createdAt,
        line.id,
        part,
        'fulfilment',
        amount,
      );
    }
  }

  for (const refund of [...facts.refunds].sort(byCreatedAt)) {
    for (const entry of refund.lines) {
      const line = lineById.get(entry.lineItemId);
      if (!line) continue;
      const allocations = allocateRefundLine(book, entry);
      const total = entry.amount ?? proRata(line.amount, entry.quantity, line.quantity);
      const units = allocations.map((a) => a.units);
      const whole = units.reduce((sum, n) => sum + n, 0);
      const shop = splitAmount(total.shop, units, whole);
      const presentment = splitAmount(total.presentment, units, whole);
      const cause = entry.restockType === 'cancel' ? 'cancellation' : 'refund';
      allocations.forEach((allocation, i) => {
        const amount = { shop: -(shop[i] ?? 0), presentment: -(presentment[i] ?? 0) };
        emit(cause, refund.id, refund.createdAt, line.id, allocation.part, 'sale', amount);
        if (allocation.fromFulfilled)
          emit(cause, refund.id, refund.createdAt, line.id, allocation.part, 'fulfilment', amount);
      });
    }
  }

  if (facts.cancelledAt) {
    for (const { lineItemId, part, units } of book.openUnits()) {
      const line = lineById.get(lineItemId);
      if (!line) continue;
      const amount = proRata(line.amount, units, line.quantity);
      book.refundOpen(lineItemId, part, units);
      emit('cancellation', `${facts.orderId}:cancel`, facts.cancelledAt, lineItemId, part, 'sale', {
        shop: -amount.shop,
        presentment: -amount.presentment,
      });
    }
  }

  const present = new Set<AttributionClass>();
  for (const byPart of plan.ordered.values()) {
    for (const [key, units] of byPart) {
      const part = plan.parts.get(key);
      if (part && units > 0) present.add(classOf(part));
    }
  }
  const classes = attributionClasses.filter((name) => present.has(name));
  return { status: 'attributed', classes, tags: tagsFor(classes), credits: [...credits.values()] };
}

function byCreatedAt(a: { createdAt: string }, b: { createdAt: string }): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}
