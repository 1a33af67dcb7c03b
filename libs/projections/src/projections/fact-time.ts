import { RecordedEvent } from '@app/event-store';

/**
 * When a fact happened: its `occurredAt` (v2), else — for a fact recorded before facts carried
 * one — the moment it was recorded, which is what v1 meant.
 */
export function occurredAtOf(event: RecordedEvent): string {
  const occurredAt = (event.data as { occurredAt?: unknown }).occurredAt;
  return typeof occurredAt === 'string' ? occurredAt : event.metadata.recordedAt;
}

/** The UTC month (`YYYY-MM`) of an ISO 8601 instant, whatever offset it was written with. */
export function monthOfInstant(instant: string): string {
  // `toISOString()` form (how the ledger stores instants): the first seven characters.
  if (instant.length === 24 && instant[10] === 'T' && instant[23] === 'Z') {
    return instant.slice(0, 7);
  }
  return new Date(instant).toISOString().slice(0, 7);
}

/** The UTC month a fact belongs to in the analytics: never its recorded time. */
export function occurrenceMonthOf(event: RecordedEvent): string {
  return monthOfInstant(occurredAtOf(event));
}
