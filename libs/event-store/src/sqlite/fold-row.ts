import type { EventMetadata } from '../event-metadata';
import type { FoldableEvent } from '../foldable-event';
import type { JsonObject } from '../json';

/**
 * One row of a fold's read (raw mode, in the column order of `readStreamForFold`): no ids, no
 * hashes, and of the metadata only its schema version, extracted by SQLite.
 */
export type FoldRow = [
  revision: number,
  position: number,
  type: string,
  data: string,
  schemaVersion: unknown,
];

export const FOLD_ROW_POSITION = 1;

/** Reads one event's metadata (JSON text) by its position. */
export type MetadataReader = (position: number) => string;

/** A fold's event: its data parsed once, its metadata read and parsed only if asked for. */
class SqliteFoldableEvent implements FoldableEvent {
  readonly revision: number;
  readonly type: string;
  readonly data: JsonObject;
  readonly schemaVersion: unknown;
  /** The position as stored: a fold asks for it once per page, so it is converted on access. */
  private readonly at: number;

  constructor(
    row: FoldRow,
    private readonly readMetadata: MetadataReader,
  ) {
    this.revision = row[0];
    this.at = row[1];
    this.type = row[2];
    this.data = JSON.parse(row[3]) as JsonObject;
    this.schemaVersion = row[4] ?? undefined;
  }

  get position(): string {
    return String(this.at);
  }

  get metadata(): EventMetadata & { recordedAt: string } {
    return JSON.parse(this.readMetadata(this.at)) as EventMetadata & {
      recordedAt: string;
    };
  }
}

export function toFoldableEvents(rows: FoldRow[], readMetadata: MetadataReader): FoldableEvent[] {
  return rows.map((row) => new SqliteFoldableEvent(row, readMetadata));
}
