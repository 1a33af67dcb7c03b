import { RecordedEvent } from '@app/event-store';
import { monthOf } from './month-of';

/**
 * When a fact happened: its `occurredAt` (v2), else — for a fact recorded before facts carried
 * one — the moment it was recorded, which is what v1 meant.
 */
export function occurredAtOf(event: RecordedEvent): string {
  const occurredAt = (event.data as { occurredAt?: unknown }).occurredAt;
  return typeof occurredAt === 'string' ? occurredAt : event.metadata.recordedAt;
}

/** The UTC month (`YYYY-MM`) a fact belongs to in the analytics: never its recorded time. */
export function occurrenceMonthOf(event: RecordedEvent): string {
  return monthOf(new Date(occurredAtOf(event)).toISOString());
}
