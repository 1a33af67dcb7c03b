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

describe('addDecimal fast path', () => {
  /** The BigInt sum, written out longhand: the reference the fast path must match. */
  function reference(a: string, b: string): string {
    const scaled = (s: string) => {
      const [whole, fraction = ''] = s.replace('-', '').split('.');
      return {
        units: BigInt(whole + fraction) * (s.startsWith('-') ? -1n : 1n),
        scale: fraction.length,
      };
    };
    const x = scaled(a);
    const y = scaled(b);
    const scale = Math.max(x.scale, y.scale);
    const sum = x.units * 10n ** BigInt(scale - x.scale) + y.units * 10n ** BigInt(scale - y.scale);
    const digits = (sum < 0n ? -sum : sum).toString().padStart(scale + 1, '0');
    const whole = digits.slice(0, digits.length - scale).replace(/^0+(?=\d)/, '');
    const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
    const text = fraction ? `${whole}.${fraction}` : whole;
    return sum < 0n ? `-${text}` : text;
  }

  it('gives the exact sum for amounts of every size, near and past 2^53', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const amount = () => {
      const digits = 1 + Math.floor(random() * 18);
      let text = String(1 + Math.floor(random() * 9));
      for (let i = 1; i < digits; i++) text += String(Math.floor(random() * 10));
      const scale = Math.floor(random() * 8);
      if (scale > 0 && scale < text.length) text = `${text.slice(0, -scale)}.${text.slice(-scale)}`;
      return random() < 0.3 ? `-${text}` : text;
    };
    for (let i = 0; i < 20_000; i++) {
      const a = amount();
      const b = amount();
      expect(addDecimal(a, b)).toBe(reference(a, b));
    }
    expect(addDecimal('9007199254740991', '1')).toBe('9007199254740992');
    expect(addDecimal('900719925474099.1', '0.9')).toBe('900719925474100');
    expect(addDecimal('-0', '0.10')).toBe('0.1');
    expect(addDecimal('12.50', '-12.5')).toBe('0');
  });

  it.each(['1.', '.5', '-', '', '1e3', '--1', '1.2.3', ' 1'])('refuses %p', (input) => {
    expect(() => addDecimal(input, '1')).toThrow(RangeError);
    expect(() => addDecimal('1', input)).toThrow(RangeError);
  });
});
