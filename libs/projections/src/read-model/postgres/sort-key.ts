import { IndexValue } from '../read-model-store';

/**
 * An indexed value as text that sorts (under the "C" collation, byte order) the way SQLite
 * sorts the value itself: every number before every string, numbers by value, strings by code
 * point. One column of one type per indexed field, so a filter, an order and a keyset page are
 * one B-tree range, and both adapters answer a list in the same order.
 */
export function sortKey(value: IndexValue): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return `s${value}`;
  return `n${orderedHex(value)}`;
}

/** The text after the type mark: what a substring search looks in. */
export const SORT_KEY_TEXT_FROM = 2;

/** IEEE-754 bits made to sort as unsigned big-endian: negatives inverted, positives' sign set. */
function orderedHex(value: number): string {
  const bytes = Buffer.alloc(8);
  // -0 and 0 are one value to SQLite: one key.
  bytes.writeDoubleBE(value === 0 ? 0 : value);
  if (bytes[0] & 0x80) {
    for (let i = 0; i < 8; i++) bytes[i] = ~bytes[i] & 0xff;
  } else {
    bytes[0] |= 0x80;
  }
  return bytes.toString('hex');
}
