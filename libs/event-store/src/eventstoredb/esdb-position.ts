import type { Position } from '@eventstore/db-client';
import { PositionOutOfRange } from '../position-out-of-range.error';

const UINT64_MAX = (1n << 64n) - 1n;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

/**
 * EventStoreDB orders `$all` by the pair (commit, prepare), two unsigned 64-bit numbers. The port
 * wants one decimal string that orders numerically, so the pair becomes `(commit << 64) | prepare`:
 * comparing the integers compares commit first, then prepare, exactly as the server does.
 * Everything stays in bigint; a Number would lose digits beyond 2^53.
 */
export function encodeEsdbPosition(position: Position): string {
  assertUint64(position.commit, 'commit');
  assertUint64(position.prepare, 'prepare');
  return ((position.commit << 64n) | position.prepare).toString(10);
}

/** The inverse of {@link encodeEsdbPosition}; refuses anything it could not have produced. */
export function decodeEsdbPosition(encoded: string): Position {
  if (!DECIMAL.test(encoded)) {
    throw new TypeError(`position ${JSON.stringify(encoded)} is not a decimal string`);
  }
  const value = BigInt(encoded);
  const commit = value >> 64n;
  // A caller's position (a query parameter, Last-Event-ID) beyond the range: a 400, not a 500.
  if (commit > UINT64_MAX) throw new PositionOutOfRange(encoded);
  return { commit, prepare: value & UINT64_MAX };
}

/** Compares two encoded positions as numbers: negative, zero or positive. */
export function compareEsdbPositions(a: string, b: string): number {
  const left = BigInt(a);
  const right = BigInt(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

function assertUint64(value: bigint, name: string): void {
  if (value < 0n || value > UINT64_MAX) {
    throw new RangeError(`${name} position ${value} is not an unsigned 64-bit number`);
  }
}
