/**
 * Every statement the embedded store runs, in one place so the benchmark's raw better-sqlite3
 * side can run exactly the same SQL.
 */
const EVENT_COLUMNS =
  'position, stream_id, revision, event_id, type, data, metadata, previous_hash, hash';

export const SQLITE_SQL = {
  /** Idempotency: where an event id already stands in a stream. */
  // INDEXED BY: without statistics SQLite picks (stream_id, revision) for the ORDER BY and
  // walks the whole stream, so every append would cost more as its stream grows.
  findEventInStream:
    'SELECT revision FROM events INDEXED BY events_stream_event_id WHERE stream_id = ? AND event_id = ? ORDER BY revision LIMIT 1',
  /** Keyed commands: the event an earlier attempt of a request appended, by its name-based id. */
  findEvent: `SELECT ${EVENT_COLUMNS} FROM events INDEXED BY events_stream_event_id WHERE stream_id = ? AND event_id = ? ORDER BY revision LIMIT 1`,
  /** Idempotency: the ids (and positions) of a run of revisions. */
  eventIdsFrom:
    'SELECT revision, event_id, position FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
  /** A stream's last event, by the (stream_id, revision) index: what the next append chains onto. */
  streamHead:
    'SELECT revision, hash AS last_hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
  /** schema_version: `metadata.schemaVersion` when a positive integer, else NULL (see below). */
  insertEvent:
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, previous_hash, hash, schema_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  readStreamForwards: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
  /**
   * A fold's read: what evolve and upcasting need. The schema version from its column; rows
   * stored before it existed (schema 6), or whose version is not a positive integer, have NULL
   * there and the version is pulled out of the metadata's JSON (COALESCE evaluates that only then).
   */
  readStreamForFold: `SELECT revision, position, type, data, COALESCE(schema_version, metadata ->> '$.schemaVersion') FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
  /** The metadata of one event a fold upcasts (older schema versions only). */
  metadataAt: 'SELECT metadata FROM events WHERE position = ?',
  readStreamBackwards: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
  readAll: `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
  /** A subscription's page: up to the durable head (see durable-head.ts). */
  readAllUpTo: `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`,
  headPosition: 'SELECT MAX(position) FROM events',
  readSnapshot: 'SELECT shape, revision, position, state FROM snapshots WHERE stream_id = ?',
  /** Never replaces a newer snapshot with an older one. */
  upsertSnapshot:
    'INSERT INTO snapshots (stream_id, shape, revision, position, state) VALUES (?, ?, ?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET shape = excluded.shape, revision = excluded.revision, position = excluded.position, state = excluded.state WHERE excluded.revision >= snapshots.revision',
  deleteSnapshots: 'DELETE FROM snapshots WHERE stream_id = ?',
} as const;

/**
 * What the `schema_version` column holds: the metadata's version when it is a positive integer
 * (every event the ledger writes); NULL otherwise, so a fold reads any other value from the
 * metadata itself, exactly as stored.
 */
export function schemaVersionColumn(version: unknown): number | null {
  return typeof version === 'number' && Number.isInteger(version) && version > 0 ? version : null;
}
