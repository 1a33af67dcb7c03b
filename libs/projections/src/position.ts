/**
 * Positions are decimal strings that order numerically. Canonical ones (no leading zeros) order
 * by length, then lexicographically, which avoids a BigInt per comparison on the hot path.
 */
export function comparePositions(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when `value` is a canonical non-negative decimal integer, as positions are. */
export function isPosition(value: string): boolean {
  return /^(0|[1-9][0-9]{0,39})$/.test(value);
}

/** `position` is at or before `checkpoint` (an undefined checkpoint is before everything). */
export function isAtOrBefore(position: string, checkpoint: string | undefined): boolean {
  return checkpoint !== undefined && comparePositions(position, checkpoint) <= 0;
}

/** How far `checkpoint` is behind `head`, in positions (events, for the embedded store). */
export function positionsBehind(head: string | undefined, checkpoint: string | undefined): string {
  if (head === undefined) return '0';
  const behind = BigInt(head) - BigInt(checkpoint ?? '0');
  return behind > 0n ? behind.toString() : '0';
}
