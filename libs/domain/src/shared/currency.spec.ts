import { ISO_4217_CURRENCIES, isIso4217Currency } from './currency';

describe('isIso4217Currency', () => {
  it.each(['EUR', 'USD', 'JPY', 'CHF', 'GBP', 'XCG', 'ZWG', 'SLE', 'CLF'])(
    'accepts the active code %p',
    (code) => {
      expect(isIso4217Currency(code)).toBe(true);
    },
  );

  it.each(['eur', 'Usd', 'EURO', 'EU', '', 'ABC', 'XTS', 'XXX', 'DEM', 'HRK', 'ANG', 'BTC'])(
    'refuses %p (lower case, unknown, test/no-currency or withdrawn)',
    (code) => {
      expect(isIso4217Currency(code)).toBe(false);
    },
  );

  it('holds unique three-letter upper-case codes only', () => {
    expect(new Set(ISO_4217_CURRENCIES).size).toBe(ISO_4217_CURRENCIES.length);
    for (const code of ISO_4217_CURRENCIES) expect(code).toMatch(/^[A-Z]{3}$/);
    expect(ISO_4217_CURRENCIES.length).toBeGreaterThan(170);
  });
});
