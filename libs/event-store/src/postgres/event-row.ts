import type { EventMetadata } from '../event-metadata';
import type { JsonObject } from '../json';
import type { FoldableEvent } from '../foldable-event';
import type { EventRow as DriverEventRow } from '../event-row';

export { ROW_POSITION, ROW_REVISION, toRecordedEvent } from '../event-row';

/** One `events` row as `pg` returns it in array mode (`rowMode: 'array'`): BIGINT as a string. */
export type EventRow = DriverEventRow<string>;

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
