import type { Money } from './local-inventory-row.js';

const DECIMAL = /^(\d{1,12})(?:\.(\d{1,6}))?$/;

/** `'28.5', 'USD'` → 28,500,000 micros. Null when the amount is not a plain decimal. */
export function moneyFromDecimal(amount: string, currencyCode: string): Money | null {
  const match = DECIMAL.exec(amount.trim());
  if (!match) return null;

  const units = match[1] ?? '0';
  const fraction = (match[2] ?? '').padEnd(6, '0');
  const micros = (BigInt(units) * 1_000_000n + BigInt(fraction)).toString();
  return { amountMicros: micros, currencyCode };
}

/** The feed file's price text: `28.50 USD`, at least two decimals, more only when needed. */
export function formatFeedPrice(money: Money): string {
  const micros = BigInt(money.amountMicros);
  const units = micros / 1_000_000n;
  const fraction = (micros % 1_000_000n)
    .toString()
    .padStart(6, '0')
    .replace(/0{1,4}$/, '');
  return `${units}.${fraction.padEnd(2, '0')} ${money.currencyCode}`;
}
