import { describe, expect, it } from 'vitest';
import { formatFeedPrice, moneyFromDecimal } from '../../../src/channels/google/money.js';

describe('money', () => {
  it('turns decimals into micros', () => {
    expect(moneyFromDecimal('28', 'USD')).toEqual({
      amountMicros: '28000000',
      currencyCode: 'USD',
    });
    expect(moneyFromDecimal('19.99', 'USD')?.amountMicros).toBe('19990000');
    expect(moneyFromDecimal('0.000001', 'USD')?.amountMicros).toBe('1');
    expect(moneyFromDecimal('1,5', 'EUR')).toBeNull();
  });

  it('writes the feed’s price text with two decimals or as many as needed', () => {
    expect(formatFeedPrice({ amountMicros: '28000000', currencyCode: 'USD' })).toBe('28.00 USD');
    expect(formatFeedPrice({ amountMicros: '1133760000', currencyCode: 'TRY' })).toBe(
      '1133.76 TRY',
    );
    expect(formatFeedPrice({ amountMicros: '1234500', currencyCode: 'EUR' })).toBe('1.2345 EUR');
    expect(formatFeedPrice({ amountMicros: '5', currencyCode: 'JPY' })).toBe('0.000005 JPY');
  });
});
