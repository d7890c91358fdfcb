import type { ShopifyJsonObject } from './shopify-json.js';

/** Amounts are decimal strings with two places, summed in integer cents to avoid float drift. */
export function toCents(amount: string): number {
  const [whole = '0', fraction = ''] = amount.split('.');
  const sign = whole.startsWith('-') ? -1 : 1;
  const cents = Math.abs(Number(whole)) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
  return sign * cents;
}

export function fromCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function normalizeAmount(amount: string): string {
  return fromCents(toCents(amount));
}

export function moneySet(amount: string, currency: string): ShopifyJsonObject {
  const money = { amount, currency_code: currency };
  return { shop_money: money, presentment_money: { ...money } };
}
