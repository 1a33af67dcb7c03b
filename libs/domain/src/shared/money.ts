/**
 * Exact money. Amounts travel as decimal strings ("1250.50") and are added as BigInt integers
 * scaled by a power of ten, so 0.1 + 0.2 is exactly "0.3"; a float never touches an amount.
 */

/** Finer than any ISO 4217 minor unit (at most 4 digits, e.g. CLF, UYW). */
export const MAX_FRACTION_DIGITS = 4;

/** Plain positional notation only: no sign, exponent, spaces, separators or bare dot. */
const AMOUNT_PATTERN = /^(\d+)(?:\.(\d+))?$/;
/** What `addDecimal` accepts: any exact decimal, optionally negative (e.g. a difference). */
const SIGNED_DECIMAL_PATTERN = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * The canonical form of a positive amount: leading zeros of the integer part and trailing
 * zeros of the fraction dropped ("0012.50" → "12.5", "3.000" → "3"). Undefined for anything
 * that is not a positive exact decimal with at most MAX_FRACTION_DIGITS fraction digits
 * (zero, negatives, "1e3", "1.", ".5", "1,5", " 1").
 */
export function parsePositiveAmount(input: string): string | undefined {
  const match = AMOUNT_PATTERN.exec(input);
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  if (fraction.length > MAX_FRACTION_DIGITS) return undefined;
  const normalized = normalize(false, match[1], fraction);
  return normalized === '0' ? undefined : normalized;
}

export function isPositiveAmount(input: string): boolean {
  return parsePositiveAmount(input) !== undefined;
}

/** Exact sum of two decimal strings, in canonical form. Throws on anything not a decimal. */
export function addDecimal(a: string, b: string): string {
  return addSmall(a, b) ?? addBig(a, b);
}

/** Largest power of ten by which a scaled amount is rescaled on the fast path. */
const POWERS_OF_TEN = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

/**
 * The common case (amounts of up to 15 digits, fractions of up to 6): summed as integers in
 * doubles, which is exact below 2^53, with no regular expression or BigInt. Undefined when an
 * input or the sum is outside that range, or not a decimal: the BigInt path decides then.
 */
function addSmall(a: string, b: string): string | undefined {
  const x = toSmallScaled(a);
  if (x === undefined) return undefined;
  const y = toSmallScaled(b);
  if (y === undefined) return undefined;
  const scale = Math.max(x.scale, y.scale);
  const left = x.units * POWERS_OF_TEN[scale - x.scale];
  const right = y.units * POWERS_OF_TEN[scale - y.scale];
  const sum = left + right;
  // Each term and the sum exact integers: then the sum is the exact one.
  if (!Number.isSafeInteger(left) || !Number.isSafeInteger(right) || !Number.isSafeInteger(sum)) {
    return undefined;
  }
  return formatScaled(sum, scale);
}

/**
 * The canonical form of `units / 10^scale` for a safe integer `units`, with arithmetic instead
 * of the regular expressions of `normalize` (projections add an amount per cost event).
 */
function formatScaled(units: number, scale: number): string {
  const magnitude = Math.abs(units);
  const power = POWERS_OF_TEN[scale];
  // Both exact on safe integers (a floored quotient of doubles may not be).
  let fraction = magnitude % power;
  const whole = (magnitude - fraction) / power;
  let digits = scale;
  while (digits > 0 && fraction % 10 === 0) {
    fraction /= 10;
    digits -= 1;
  }
  const text = digits === 0 ? String(whole) : `${whole}.${String(fraction).padStart(digits, '0')}`;
  return units < 0 ? `-${text}` : text;
}

/** What `toScaled` gives, as a double, for a decimal of at most 15 digits (else undefined). */
function toSmallScaled(input: string): { units: number; scale: number } | undefined {
  const length = input.length;
  const negative = input.charCodeAt(0) === 45; // '-'
  let units = 0;
  let digits = 0;
  /** Digits after the dot; -1 before one. */
  let scale = -1;
  for (let i = negative ? 1 : 0; i < length; i++) {
    const c = input.charCodeAt(i);
    if (c === 46) {
      // '.': once, after at least one digit.
      if (scale >= 0 || digits === 0) return undefined;
      scale = 0;
      continue;
    }
    if (c < 48 || c > 57) return undefined;
    units = units * 10 + (c - 48);
    digits += 1;
    if (scale >= 0) scale += 1;
  }
  if (digits === 0 || digits > 15 || scale === 0 || scale >= POWERS_OF_TEN.length) {
    return undefined;
  }
  return { units: negative ? -units : units, scale: Math.max(scale, 0) };
}

function addBig(a: string, b: string): string {
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = Math.max(x.scale, y.scale);
  return fromScaled(rescale(x, scale) + rescale(y, scale), scale);
}

/** Exact sum of many decimal strings; "0" for none. */
export function sumDecimals(amounts: Iterable<string>): string {
  let total = '0';
  for (const amount of amounts) total = addDecimal(total, amount);
  return total;
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`, compared exactly. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = Math.max(x.scale, y.scale);
  const left = rescale(x, scale);
  const right = rescale(y, scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

interface Scaled {
  units: bigint;
  scale: number;
}

function toScaled(input: string): Scaled {
  const match = SIGNED_DECIMAL_PATTERN.exec(input);
  if (!match) throw new RangeError(`not an exact decimal: ${JSON.stringify(input)}`);
  const fraction = match[3] ?? '';
  const units = BigInt(match[2] + fraction);
  return { units: match[1] === '-' ? -units : units, scale: fraction.length };
}

function rescale({ units, scale }: Scaled, to: number): bigint {
  return units * 10n ** BigInt(to - scale);
}

function fromScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const cut = digits.length - scale;
  return normalize(negative, digits.slice(0, cut), digits.slice(cut));
}

function normalize(negative: boolean, integer: string, fraction: string): string {
  const whole = integer.replace(/^0+(?=\d)/, '');
  const cents = fraction.replace(/0+$/, '');
  const text = cents ? `${whole}.${cents}` : whole;
  return negative && text !== '0' ? `-${text}` : text;
}
