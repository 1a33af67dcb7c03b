import { formatMoney, formatMoneyByCurrency, isNegative } from './money';

describe('formatMoney', () => {
  it.each([
    ['1250.5', 'EUR', 'EUR 1,250.50'],
    ['1250.50', 'EUR', 'EUR 1,250.50'],
    ['0', 'USD', 'USD 0.00'],
    ['-30', 'EUR', 'EUR \u221230.00'],
    ['-0.00', 'EUR', 'EUR 0.00'],
    ['1234567.1234', 'EUR', 'EUR 1,234,567.1234'],
    ['5000', 'JPY', 'JPY 5,000'],
    ['007.1', 'GBP', 'GBP 7.10'],
  ])('%s %s → %s', (amount, currency, expected) => {
    expect(formatMoney(amount, currency)).toBe(expected);
  });

  it('keeps every digit of an amount a float would round', () => {
    expect(formatMoney('9007199254740993.01', 'EUR')).toBe('EUR 9,007,199,254,740,993.01');
  });

  it('shows what it cannot parse as it came', () => {
    expect(formatMoney('1e3', 'EUR')).toBe('EUR 1e3');
  });
});

describe('formatMoneyByCurrency', () => {
  it('lists each currency in code order, a dash when empty', () => {
    expect(formatMoneyByCurrency({ USD: '3.5', EUR: '10' })).toBe('EUR 10.00 · USD 3.50');
    expect(formatMoneyByCurrency({})).toBe('—');
    expect(formatMoneyByCurrency(undefined)).toBe('—');
  });
});

describe('isNegative', () => {
  it.each([
    ['-1', true],
    ['-0.01', true],
    ['-0.00', false],
    ['0', false],
    ['12', false],
  ])('%s → %s', (amount, expected) => {
    expect(isNegative(amount)).toBe(expected);
  });
});
