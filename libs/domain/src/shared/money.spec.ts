import {
  addDecimal,
  compareDecimal,
  isPositiveAmount,
  parsePositiveAmount,
  sumDecimals,
} from './money';

describe('parsePositiveAmount', () => {
  it.each([
    ['1250.50', '1250.5'],
    ['1250.00', '1250'],
    ['0012.5', '12.5'],
    ['0.0001', '0.0001'],
    ['7', '7'],
    ['99999999999999999999999.9999', '99999999999999999999999.9999'],
  ])('normalizes %p to %p', (input, expected) => {
    expect(parsePositiveAmount(input)).toBe(expected);
  });

  it.each([
    '0',
    '0.00',
    '-1',
    '+1',
    '1e3',
    '1E-2',
    '1.',
    '.5',
    '1,5',
    ' 1',
    '1 ',
    '',
    '1.23456',
    'NaN',
    'Infinity',
    '0x10',
  ])('refuses %p', (input) => {
    expect(parsePositiveAmount(input)).toBeUndefined();
    expect(isPositiveAmount(input)).toBe(false);
  });
});

describe('addDecimal', () => {
  it('adds exactly where floats do not: 0.1 + 0.2 = "0.3"', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
  });

  it.each([
    ['1250.5', '0.5', '1251'],
    ['0', '0', '0'],
    ['1.0001', '2', '3.0001'],
    ['99999999999999999999.9999', '0.0001', '100000000000000000000'],
    ['9007199254740993', '1', '9007199254740994'],
    ['5', '-7.25', '-2.25'],
    ['-0.5', '0.5', '0'],
    ['0.123456789', '0.000000001', '0.12345679'],
  ])('%p + %p = %p', (a, b, sum) => {
    expect(addDecimal(a, b)).toBe(sum);
    expect(addDecimal(b, a)).toBe(sum);
  });

  it('refuses what is not an exact decimal', () => {
    expect(() => addDecimal('1e3', '1')).toThrow(RangeError);
    expect(() => addDecimal('1', 'abc')).toThrow(RangeError);
  });

  it('sums many amounts exactly and is "0" for none', () => {
    expect(sumDecimals([])).toBe('0');
    expect(sumDecimals(Array.from({ length: 10 }, () => '0.1'))).toBe('1');
  });
});

describe('compareDecimal', () => {
  it('compares across scales exactly', () => {
    expect(compareDecimal('1.50', '1.5')).toBe(0);
    expect(compareDecimal('1.4999', '1.5')).toBe(-1);
    expect(compareDecimal('10', '9.9999')).toBe(1);
    expect(compareDecimal('-2', '1')).toBe(-1);
  });
});
