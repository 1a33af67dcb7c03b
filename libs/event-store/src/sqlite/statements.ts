import type { Database, Statement } from 'better-sqlite3';
import type { EventRow } from './event-row';
import type { FoldRow } from './fold-row';
import { SqliteMerkleLog } from './sqlite-merkle-log';
import { SQLITE_SQL } from './sql';

export interface SnapshotRow {
  shape: string;
  revision: number;
  position: string;
  /** A BLOB of encodeSnapshotState, or JSON text (rows written before it). */
  state: string | Buffer;
}

export interface StreamHeadRow {
  revision: number;
  last_hash: string;
}

/** The store's statements, prepared once per connection (preparing is the costly part). */
export interface SqliteStatements {
  findEventInStream: Statement<[string, string], { revision: number }>;
  eventIdsFrom: Statement<
    [string, number, number],
    { revision: number; event_id: string; position: number }
  >;
  streamHead: Statement<[string], StreamHeadRow>;
  insertEvent: Statement<
    [string, number, string, string, string, string, string, string, number | null]
  >;
  readStreamForwards: Statement<[string, number, number], EventRow>;
  readStreamBackwards: Statement<[string, number, number], EventRow>;
  readStreamForFold: Statement<[string, number, number], FoldRow>;
  metadataAt: Statement<[number], string>;
  readAll: Statement<[number, number], EventRow>;
  readAllUpTo: Statement<[number, number, number], EventRow>;
  headPosition: Statement<[], number | null>;
  findEvent: Statement<[string, string], EventRow>;
  readSnapshot: Statement<[string], SnapshotRow>;
  upsertSnapshot: Statement<[string, string, number, string, Buffer]>;
  deleteSnapshots: Statement<[string]>;
  /** The Merkle log step every append runs in its transaction. */
  merkleLog: SqliteMerkleLog;
}

export function prepareStatements(db: Database): SqliteStatements {
  return {
    findEventInStream: db.prepare(SQLITE_SQL.findEventInStream),
    eventIdsFrom: db.prepare(SQLITE_SQL.eventIdsFrom),
    streamHead: db.prepare(SQLITE_SQL.streamHead),
    insertEvent: db.prepare(SQLITE_SQL.insertEvent),
    readStreamForwards: db
      .prepare<[string, number, number], EventRow>(SQLITE_SQL.readStreamForwards)
      .raw(),
    readStreamBackwards: db
      .prepare<[string, number, number], EventRow>(SQLITE_SQL.readStreamBackwards)
      .raw(),
    readStreamForFold: db
      .prepare<[string, number, number], FoldRow>(SQLITE_SQL.readStreamForFold)
      .raw(),
    metadataAt: db.prepare<[number], string>(SQLITE_SQL.metadataAt).pluck(),
    readAll: db.prepare<[number, number], EventRow>(SQLITE_SQL.readAll).raw(),
    readAllUpTo: db.prepare<[number, number, number], EventRow>(SQLITE_SQL.readAllUpTo).raw(),
    headPosition: db.prepare<[], number | null>(SQLITE_SQL.headPosition).pluck(),
    findEvent: db.prepare<[string, string], EventRow>(SQLITE_SQL.findEvent).raw(),
    readSnapshot: db.prepare(SQLITE_SQL.readSnapshot),
    upsertSnapshot: db.prepare(SQLITE_SQL.upsertSnapshot),
    deleteSnapshots: db.prepare(SQLITE_SQL.deleteSnapshots),
    merkleLog: new SqliteMerkleLog(db),
  };
}
