/**
 * Strict ISO-8601 instants for periods and `asOf`: a date (`2026-01-31`, read as UTC midnight)
 * or a date-time with seconds optional and an explicit offset (`Z` or `±hh:mm`). A date-time
 * without an offset is refused: it would mean a different instant on every machine.
 * `Date.parse` alone is too lenient (it turns 2026-02-30 into March 2nd), so fields are checked.
 */
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Milliseconds since the epoch, or undefined when `text` is not a valid ISO-8601 instant. */
export function parseIsoInstant(text: string): number | undefined {
  const m = ISO_INSTANT.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (new Date(utc).getUTCDate() !== day) return undefined;
  return utc - offsetMinutes(m[8]) * 60_000;
}

export function isIsoInstant(text: string): boolean {
  return parseIsoInstant(text) !== undefined;
}

function offsetMinutes(offset: string | undefined): number {
  if (offset === undefined || offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const [hours, minutes] = offset.slice(1).split(':').map(Number);
  return sign * ((hours ?? 0) * 60 + (minutes ?? 0));
}
