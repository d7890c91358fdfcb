/**
 * Money as integer minor units of its currency (cents for USD, yen for JPY, fils for KWD), so
 * sums never drift. Shopify sends amounts as decimal strings ("19.99") with a currency code.
 */
export function currencyExponent(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** "19.99" USD → 1999; extra fraction digits are rounded half away from zero. Null if unreadable. */
export function toMinorUnits(amount: string | number, currency: string): number | null {
  const text = typeof amount === 'number' ? String(amount) : amount.trim();
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const exponent = currencyExponent(currency);
  const fraction = (match[3] ?? '').padEnd(exponent + 1, '0');
  const whole = Number(match[2]) * 10 ** exponent + Number(fraction.slice(0, exponent) || '0');
  const rounded = whole + (Number(fraction[exponent]) >= 5 ? 1 : 0);
  return match[1] === '-' ? -rounded : rounded;
}

/** 1999 USD → "19.99". */
export function formatMinorUnits(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (exponent === 0) return `${sign}${abs}`;
  const scale = 10 ** exponent;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(exponent, '0')}`;
}
