/** `2026-03` from an ISO time: the bucket of the monthly trend. */
export function monthOf(isoTime: string): string {
  return isoTime.slice(0, 7);
}

/** Milliseconds from `from` to `to` (ISO times). */
export function millisBetween(from: string, to: string): number {
  return Date.parse(to) - Date.parse(from);
}
