import { EventMetadata, JsonObject, RecordedEvent } from '@app/event-store';

/**
 * An event as auditors see it, in the history route and in every export line: where it sits,
 * what it says, who recorded it when, and its link in the hash chain. `data`, `metadata` and
 * the ids are exactly what the hash covers (docs/integrity.md), so a line can be re-hashed as is.
 */
export interface AuditEvent {
  streamId: string;
  revision: number;
  /** Global position in the log, a decimal string (not covered by the hash). */
  position: string;
  eventId: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata & { recordedAt: string };
  previousHash: string;
  hash: string;
}

export function toAuditEvent(event: RecordedEvent): AuditEvent {
  return {
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    previousHash: event.previousHash,
    hash: event.hash,
  };
}
