import type { Database, Statement } from 'better-sqlite3';
import type { EventRow } from './event-row';
import { SQL } from './sql';

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
  insertEvent: Statement<[string, number, string, string, string, string, string, string]>;
  upsertStreamHead: Statement<[string, number, string]>;
  readStreamForwards: Statement<[string, number, number], EventRow>;
  readStreamBackwards: Statement<[string, number, number], EventRow>;
  readAll: Statement<[number, number], EventRow>;
  headPosition: Statement<[], number | null>;
}

export function prepareStatements(db: Database): SqliteStatements {
  return {
    findEventInStream: db.prepare(SQL.findEventInStream),
    eventIdsFrom: db.prepare(SQL.eventIdsFrom),
    streamHead: db.prepare(SQL.streamHead),
    insertEvent: db.prepare(SQL.insertEvent),
    upsertStreamHead: db.prepare(SQL.upsertStreamHead),
    readStreamForwards: db.prepare(SQL.readStreamForwards),
    readStreamBackwards: db.prepare(SQL.readStreamBackwards),
    readAll: db.prepare(SQL.readAll),
    headPosition: db.prepare<[], number | null>(SQL.headPosition).pluck(),
  };
}
