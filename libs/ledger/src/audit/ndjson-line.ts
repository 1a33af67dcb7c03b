/**
 * What JSON leaves raw but a reader of the file must not meet raw: DEL and the C1 controls (CSI
 * U+009B drives a terminal that shows the file; NEL U+0085 ends a line for Python's
 * `splitlines` and many editors) and the Unicode line and paragraph separators. Escaped as
 * `\uXXXX`, they parse back to the same strings, so hashes verify unchanged.
 */
const UNSAFE_IN_A_LINE = /[\u007f-\u009f\u2028\u2029]/g;

/** One event as one NDJSON line: JSON with nothing in it that could break or forge a line. */
export function ndjsonLine(value: unknown): string {
  return `${JSON.stringify(value).replace(UNSAFE_IN_A_LINE, escapeChar)}\n`;
}

function escapeChar(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
