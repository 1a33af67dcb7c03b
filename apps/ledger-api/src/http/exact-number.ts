/**
 * Why a JSON number, as written in the body, cannot be taken as a JavaScript number, or
 * undefined when it can. A number is taken only when its double holds exactly the decimal the
 * client wrote (0.1 is fine: the double prints back as 0.1) and, for integers, only inside
 * ±(2^53−1), where every integer has its own double. So 1e309, 12345678901234567890 and
 * 2^53+1 are refused instead of silently becoming Infinity, …567000 or 2^53.
 */
export function inexactNumberReason(source: string): string | undefined {
  const value = Number(source);
  if (!Number.isFinite(value)) return 'is beyond the range of a number';
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return 'is an integer beyond ±9007199254740991, which a number cannot hold exactly (send it as a string)';
  }
  if (decimalKey(source) !== decimalKey(String(value))) {
    return 'has more digits than a number can hold exactly (send it as a string)';
  }
  return undefined;
}

/**
 * The exact decimal a JSON number denotes, as `sign digits e exponent` with no leading or
 * trailing zeros in `digits`, so that two spellings of the same decimal compare equal
 * (`1.50`, `1.5`, `15e-1`).
 */
function decimalKey(source: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(source);
  if (!match) return `?${source}`;
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  let digits = `${whole}${fraction}`;
  let scale = Number(exponent) - fraction.length;
  const leading = /^0*/.exec(digits)![0].length;
  digits = digits.slice(leading);
  if (digits === '') return '0';
  const trailing = /0*$/.exec(digits)![0].length;
  digits = digits.slice(0, digits.length - trailing);
  scale += trailing;
  return `${sign}${digits}e${scale}`;
}
