import type { Database } from 'better-sqlite3';
import { MERKLE_TREE_DDL } from './sqlite-merkle-node-store';

/**
 * The embedded store's schema, as numbered migrations. The number applied last is kept in
 * SQLite's `user_version` header field, which changes inside the same transaction as the
 * migration itself, so a crash mid-migration leaves the previous version intact.
 */
interface Migration {
  version: number;
  sql: string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      -- position is the rowid: assigned in commit order by the single writer, never reused
      -- because the log is append-only (no row is ever deleted).
      CREATE TABLE events (
        position      INTEGER PRIMARY KEY,
        stream_id     TEXT    NOT NULL,
        revision      INTEGER NOT NULL,
        event_id      TEXT    NOT NULL,
        type          TEXT    NOT NULL,
        data          TEXT    NOT NULL,
        metadata      TEXT    NOT NULL,
        previous_hash TEXT    NOT NULL,
        hash          TEXT    NOT NULL,
        UNIQUE (stream_id, revision)
      );
      -- idempotent appends look an event id up within its stream
      CREATE INDEX events_stream_event_id ON events (stream_id, event_id);
      -- a stream's head, so an append never scans the events table
      CREATE TABLE streams (
        stream_id TEXT    PRIMARY KEY,
        revision  INTEGER NOT NULL,
        last_hash TEXT    NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    // The Merkle log over the events (see sqlite-merkle-log.ts); events stored before it are
    // added by SqliteMerkleLog.catchUp when the store opens.
    version: 2,
    // (the first layout, keyed by (level, idx), wrote a page per level per commit; see 3)
    sql: `CREATE TABLE merkle_nodes (
      level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)
    ) WITHOUT ROWID;`,
  },
  {
    // The tree keyed by post-order id, so appends only add at the end of one index. The old
    // table's nodes are dropped; SqliteMerkleLog.catchUp rebuilds the tree from the events.
    version: 3,
    sql: `DROP TABLE merkle_nodes; ${MERKLE_TREE_DDL}`,
  },
  {
    // Snapshots of aggregate states (stream-snapshot.ts): the latest one per stream. Not part
    // of the log: no hash, no Merkle leaf; deleting them all changes no answer.
    // Version 4: two branches each shipped a version 3 for a while (the Merkle table swap and
    // this table), so a file at 3 may lack either; both steps are repeated here idempotently.
    version: 4,
    sql: `
      DROP TABLE IF EXISTS merkle_nodes;
      ${MERKLE_TREE_DDL}
      CREATE TABLE IF NOT EXISTS snapshots (
        stream_id TEXT    PRIMARY KEY,
        shape     TEXT    NOT NULL,
        revision  INTEGER NOT NULL,
        position  TEXT    NOT NULL,
        state     TEXT    NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    // Snapshots in an ordinary rowid table: a WITHOUT ROWID table keeps a long row's text in
    // its B-tree's overflow chain, and reading a multi-megabyte state that way cost ~100 ms.
    // Snapshots are disposable (an optimization only): the old ones are dropped, not copied.
    version: 5,
    sql: `
      DROP TABLE IF EXISTS snapshots;
      CREATE TABLE snapshots (
        stream_id TEXT    NOT NULL UNIQUE,
        shape     TEXT    NOT NULL,
        revision  INTEGER NOT NULL,
        position  TEXT    NOT NULL,
        state     TEXT    NOT NULL
      );
    `,
  },
  {
    // The schema version of each event's data in a column of its own, written at append, so a
    // fold's read extracts nothing from JSON. Rows stored before stay NULL there and are read
    // through their metadata (see readStreamForFold): backfilling would rewrite every page of
    // the table in one transaction at start-up, for what a snapshot mostly spares anyway.
    version: 6,
    sql: 'ALTER TABLE events ADD COLUMN schema_version INTEGER;',
  },
  {
    // A stream's head is read from the events' (stream_id, revision) index, which every append
    // writes anyway: keeping it in `streams` too cost each group commit ~5 more WAL pages (one
    // leaf per stream touched). The table only repeated the events' last revision and hash.
    version: 7,
    sql: 'DROP TABLE IF EXISTS streams;',
  },
];

/** The schema version this code writes and understands. */
export const SQLITE_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Brings the database to {@link SQLITE_SCHEMA_VERSION}; refuses a database made by newer code. */
export function migrateSqliteSchema(db: Database): void {
  // IMMEDIATE takes the write lock before reading the version, so two processes opening the
  // same fresh file cannot both run migration 1.
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > SQLITE_SCHEMA_VERSION) {
      throw new Error(
        `event store schema version ${current} is newer than this code understands (${SQLITE_SCHEMA_VERSION}); upgrade the ledger`,
      );
    }
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}
