import { randomUUID } from 'node:crypto';
import type { CreditLine } from '../../domain/attribution/credit-line.js';
import type { AttributionDb } from './attribution-database.js';

/**
 * Appends, inside the caller's transaction, the difference between an order's credit as it now
 * stands and what the ledger holds, per entry key: nothing when nothing changed (a duplicate
 * delivery), a reversal for a key that no longer stands (a part moved elsewhere). A correction
 * keeps the instant of the credit it corrects, so each day's totals stay right. Returns the
 * number of rows written.
 */
export async function recordCredits(
  db: AttributionDb,
  order: {
    orderId: string;
    name: string | null;
    shopCurrency: string;
    presentmentCurrency: string;
  },
  credits: readonly CreditLine[],
  now: string,
): Promise<number> {
  const rows = await db
    .selectFrom('attribution_entries')
    .selectAll()
    .where('order_id', '=', order.orderId)
    .orderBy('recorded_at')
    .execute();
  const held = new Map<
    string,
    { amount: number; presentment: number; row: (typeof rows)[number] }
  >();
  for (const row of rows) {
    const known = held.get(row.entry_key);
    const amount = Number(row.amount_minor);
    const presentment = Number(row.presentment_amount_minor);
    if (known) {
      known.amount += amount;
      known.presentment += presentment;
    } else held.set(row.entry_key, { amount, presentment, row });
  }

  const inserts = [];
  for (const credit of credits) {
    const known = held.get(credit.key);
    held.delete(credit.key);
    const amount = credit.amount - (known?.amount ?? 0);
    const presentment = credit.presentmentAmount - (known?.presentment ?? 0);
    if (amount === 0 && presentment === 0) continue;
    inserts.push({
      id: randomUUID(),
      entry_key: credit.key,
      order_id: order.orderId,
      order_name: order.name,
      cause: credit.cause,
      cause_ref: credit.causeRef,
      line_item_id: credit.lineItemId,
      class: credit.attributionClass,
      channel: credit.channel,
      credit: credit.credit,
      party: credit.party,
      party_ref: credit.partyRef,
      selling_handle: credit.sellingHandle,
      fulfilling_handle: credit.fulfillingHandle,
      staff_id: credit.staffId,
      day_handle: credit.dayHandle,
      amount_minor: amount,
      currency: order.shopCurrency,
      presentment_amount_minor: presentment,
      presentment_currency: order.presentmentCurrency,
      occurred_at: credit.occurredAt,
      recorded_at: now,
    });
  }
  for (const [, gone] of held) {
    if (gone.amount === 0 && gone.presentment === 0) continue;
    inserts.push({
      ...gone.row,
      id: randomUUID(),
      amount_minor: -gone.amount,
      presentment_amount_minor: -gone.presentment,
      recorded_at: now,
    });
  }

  if (inserts.length > 0) await db.insertInto('attribution_entries').values(inserts).execute();
  return inserts.length;
}
