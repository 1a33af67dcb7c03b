import { PositionOutOfRange } from '../position-out-of-range.error';

/**
 * Positions in the PostgreSQL store are BIGINT values, given out as decimal strings (kept as
 * strings: `pg` returns BIGINT so, and no precision is lost). "0" (or none) means before the
 * first event.
 */
export function parsePosition(position: string | undefined): string {
  if (position === undefined) return '0';
  if (!/^\d{1,19}$/.test(position) || BigInt(position) > 2n ** 63n - 1n) {
    throw new PositionOutOfRange(position);
  }
  return BigInt(position).toString();
}
