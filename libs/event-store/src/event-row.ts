import type { EventMetadata } from './event-metadata';
import type { JsonObject } from './json';
import type { RecordedEvent } from './recorded-event';

/**
 * One row of the `events` table as a driver returns it in array mode, in the column order of the
 * adapters' read statements: better-sqlite3 gives the position as a number, `pg` (BIGINT) as a
 * decimal string. Arrays, not objects: building a named-property object per row costs a driver
 * about as much as parsing the row's JSON, and a long read (export, replay, projection rebuild)
 * does it a million times.
 */
export type EventRow<Position extends number | string> = [
  position: Position,
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

export function toRecordedEvent(row: EventRow<number | string>): RecordedEvent {
  const [position, streamId, revision, eventId, type, data, metadata, previousHash, hash] = row;
  const parsedMetadata = JSON.parse(metadata) as EventMetadata & { recordedAt: string };
  return {
    streamId,
    revision,
    position: String(position),
    eventId,
    type,
    data: JSON.parse(data) as JsonObject,
    metadata: parsedMetadata,
    recordedAt: parsedMetadata.recordedAt,
    previousHash,
    hash,
  };
}
