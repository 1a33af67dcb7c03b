import { PositionOutOfRange } from '../position-out-of-range.error';

/**
 * Positions in the embedded store are the events' rowids, given out as decimal strings.
 * "0" (or none) means before the first event.
 */
export function parsePosition(position: string | undefined): number {
  if (position === undefined) return 0;
  if (!/^\d{1,16}$/.test(position) || !Number.isSafeInteger(Number(position))) {
    throw new PositionOutOfRange(position);
  }
  return Number(position);
}
