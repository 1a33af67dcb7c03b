import type { EventMetadata } from '../event-metadata';
import type { JsonObject } from '../json';
import type { FoldableEvent } from '../foldable-event';
import type { RecordedEvent } from '../recorded-event';

/** One `events` row as `pg` returns it (BIGINT arrives as a decimal string). */
export interface EventRow {
  position: string;
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
    position: row.position,
    eventId: row.event_id,
    type: row.type,
    data: JSON.parse(row.data) as JsonObject,
    metadata,
    recordedAt: metadata.recordedAt,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

/** One row of a fold's read (`readStreamForFold`). */
export type FoldRow = Pick<EventRow, 'revision' | 'position' | 'type' | 'data' | 'metadata'>;

export function toFoldableEvent(row: FoldRow): FoldableEvent {
  const metadata = JSON.parse(row.metadata) as EventMetadata & { recordedAt: string };
  return {
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: JSON.parse(row.data) as JsonObject,
    schemaVersion: metadata.schemaVersion,
    metadata,
  };
}
