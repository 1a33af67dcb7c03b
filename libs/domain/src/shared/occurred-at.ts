import { InvalidInput } from './domain-errors';
import { isoInstant, parseIsoInstant } from './iso-time';

/** How far ahead of the ledger's clock a client's clock may be before a time is refused. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The instant a fact occurred (or a description takes effect): the client's time if given,
 * else `now`, always as a UTC ISO-8601 string (`2025-01-31T23:00:00.000Z`), so analytics can
 * bucket it by UTC month as text. More than MAX_CLOCK_SKEW_MS after `now` is refused: facts are
 * recorded after they happen, not before.
 */
export function resolveOccurredAt(given: string | undefined, now: string, field: string): string {
  const nowMs = parseIsoInstant(now);
  if (nowMs === undefined) throw new RangeError(`now is not an ISO-8601 instant: ${now}`);
  if (given === undefined) return isoInstant(nowMs);
  const at = parseIsoInstant(given);
  if (at === undefined) {
    throw new InvalidInput(
      field,
      `${field} must be an ISO-8601 instant, got ${JSON.stringify(given)}`,
    );
  }
  if (at > nowMs + MAX_CLOCK_SKEW_MS) {
    throw new InvalidInput(
      field,
      `${field} ${given} is in the future (more than 5 minutes after ${new Date(nowMs).toISOString()})`,
    );
  }
  return isoInstant(at);
}

/** Milliseconds of an instant the domain wrote itself (already checked). */
export function instantMs(text: string): number {
  const at = parseIsoInstant(text);
  if (at === undefined) throw new RangeError(`not an ISO-8601 instant: ${text}`);
  return at;
}
