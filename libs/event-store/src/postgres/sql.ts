/**
 * The PostgreSQL store's SQL, in one place (the benchmark's raw `pg` line runs the same text).
 * Columns of every event read, in the order of {@link EventRow}.
 */
const EVENT_COLUMNS =
  'position, stream_id, revision, event_id, type, data, metadata, previous_hash, hash';

export const POSTGRES_SQL = {
  /**
   * A group of appends, one statement and so one transaction (see append-function.ts). It
   * takes the one append lock (a fixed advisory key, released when the transaction ends) first:
   * groups commit one after another, and positions are given out under the lock, so position
   * order is commit order and a reader can never see position n+1 before position n.
   */
  appendGroup: 'SELECT * FROM ledger_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
  /** A stream's head, read without the lock to hash an append's chain onto (checked under it). */
  streamHead: 'SELECT revision, last_hash FROM streams WHERE stream_id = $1',
  readStreamForwards: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
  /** A fold's read: no ids, no hashes. */
  readStreamForFold: `SELECT revision, position, type, data, metadata FROM events WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
  readStreamBackwards: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`,
  readAll: `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
  headPosition: 'SELECT MAX(position) AS head FROM events',
  findEvent: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND event_id = $2 ORDER BY revision LIMIT 1`,
  readSnapshot: 'SELECT shape, revision, position, state FROM snapshots WHERE stream_id = $1',
  /** Never replaces a newer snapshot with an older one. */
  upsertSnapshot: `INSERT INTO snapshots (stream_id, shape, revision, position, state) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (stream_id) DO UPDATE SET shape = EXCLUDED.shape, revision = EXCLUDED.revision,
      position = EXCLUDED.position, state = EXCLUDED.state
    WHERE snapshots.revision <= EXCLUDED.revision`,
  deleteSnapshots: 'DELETE FROM snapshots WHERE stream_id = $1',
} as const;

export const POSTGRES_CHANNEL = 'ledger_events';
