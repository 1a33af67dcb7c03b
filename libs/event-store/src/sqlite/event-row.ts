import type { EventMetadata } from '../event-metadata';
import type { JsonObject } from '../json';
import type { RecordedEvent } from '../recorded-event';

/** One row of the `events` table as better-sqlite3 returns it. */
export interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  previous_hash: string;
  hash: string;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  const metadata = JSON.parse(row.metadata) as EventMetadata & { recordedAt: string };
  return {
    streamId: row.stream_id,
    revision: row.revision,
    position: String(row.position),
    eventId: row.event_id,
    type: row.type,
    data: JSON.parse(row.data) as JsonObject,
    metadata,
    recordedAt: metadata.recordedAt,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
