const money = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const units = new Intl.NumberFormat('en');

/** Cents as an amount, e.g. 123456 → "1,234.56" (the shop's currency; the books carry none). */
export function formatCents(cents: number): string {
  return money.format(cents / 100);
}

export function formatUnits(value: number): string {
  return units.format(value);
}

export function formatPercent(value: number | null): string {
  return value === null ? 'n/a' : `${value.toFixed(2)}%`;
}

export function formatSigned(value: number): string {
  return value > 0 ? `+${units.format(value)}` : units.format(value);
}
