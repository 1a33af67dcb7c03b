import type { EventMetadata } from '../event-metadata';
import type { JsonObject } from '../json';
import type { FoldableEvent } from '../foldable-event';
import type { RecordedEvent } from '../recorded-event';

/**
 * One `events` row as `pg` returns it in array mode (`rowMode: 'array'`), in the column order
 * of the read statements (BIGINT arrives as a decimal string). Arrays, not objects: building a
 * named-property object per row cost `pg` about a quarter of a whole-log read here, on top of
 * the RecordedEvent built from it.
 */
export type EventRow = [
  position: string,
  streamId: string,
  revision: number,
  eventId: string,
  type: string,
  data: string,
  metadata: string,
  previousHash: string,
  hash: string,
];

export const ROW_POSITION = 0;
export const ROW_REVISION = 2;

export function toRecordedEvent(row: EventRow): RecordedEvent {
  const [position, streamId, revision, eventId, type, data, metadata, previousHash, hash] = row;
  const parsedMetadata = JSON.parse(metadata) as EventMetadata & { recordedAt: string };
  return {
    streamId,
    revision,
    position,
    eventId,
    type,
    data: JSON.parse(data) as JsonObject,
    metadata: parsedMetadata,
    recordedAt: parsedMetadata.recordedAt,
    previousHash,
    hash,
  };
}

/** One row of a fold's read (`readStreamForFold`). */
export interface FoldRow {
  revision: number;
  position: string;
  type: string;
  data: string;
  metadata: string;
}

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
