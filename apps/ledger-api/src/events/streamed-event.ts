import type { RecordedEvent } from '@app/event-store';

/** What `GET /v1/events/stream` says about one recorded event (SPEC v2 query table). */
export interface StreamedEvent {
  position: string;
  streamId: string;
  type: string;
  /** When the fact happened; see {@link occurredAtOf}. */
  occurredAt: string;
  recordedAt: string;
}

/**
 * When an event's fact happened: its `occurredAt` (v2 relationship facts), a measurement's
 * `period.start` (SPEC buckets measurements by it), an offering's `effectiveFrom`, and for
 * events that carry none of these (v1 facts, improvements) the moment it was recorded, which
 * is what a v1 fact's time meant.
 */
export function occurredAtOf(event: RecordedEvent): string {
  const { data } = event;
  if (typeof data.occurredAt === 'string') return data.occurredAt;
  const period = data.period;
  if (isRecord(period) && typeof period.start === 'string') return period.start;
  if (typeof data.effectiveFrom === 'string') return data.effectiveFrom;
  return event.recordedAt;
}

export function streamedEvent(event: RecordedEvent): StreamedEvent {
  return {
    position: event.position,
    streamId: event.streamId,
    type: event.type,
    occurredAt: occurredAtOf(event),
    recordedAt: event.recordedAt,
  };
}

/** One server-sent-events message: `id:` the position (what `Last-Event-ID` sends back). */
export function sseMessage(event: StreamedEvent): string {
  return `id: ${event.position}\ndata: ${JSON.stringify(event)}\n\n`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
