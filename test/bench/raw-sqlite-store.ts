import Database from 'better-sqlite3';
import {
  computeEventHash,
  GENESIS_HASH,
  RevisionConflict,
  satisfiesExpectedRevision,
  type ExpectedRevision,
  type NewEvent,
} from '@app/event-store';
import {
  migrateSqliteSchema,
  schemaVersionColumn,
  SQLITE_SQL,
  SqliteMerkleLog,
} from '@app/event-store/sqlite';

/**
 * Raw better-sqlite3: the adapter's SQL, schema and hashing, without the adapter; with
 * `merkle`, also the adapter's Merkle log step in the same transaction.
 */
export class RawSqliteStore {
  readonly db: Database.Database;
  private readonly merkle: SqliteMerkleLog | undefined;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private readonly findEventInStream: Database.Statement<[string, string], { revision: number }>;
  private readonly streamHead: Database.Statement<
    [string],
    { revision: number; last_hash: string }
  >;
  private readonly insertEvent: Database.Statement<unknown[]>;

  constructor(file: string, options: { merkle?: boolean } = {}) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    migrateSqliteSchema(this.db);
    if (options.merkle) {
      this.merkle = new SqliteMerkleLog(this.db);
      this.merkle.catchUp(); // over seeded events, as the adapter does when it opens
    }
    this.begin = this.db.prepare('BEGIN IMMEDIATE');
    this.commit = this.db.prepare('COMMIT');
    this.rollback = this.db.prepare('ROLLBACK');
    this.findEventInStream = this.db.prepare(SQLITE_SQL.findEventInStream);
    this.streamHead = this.db.prepare(SQLITE_SQL.streamHead);
    this.insertEvent = this.db.prepare(SQLITE_SQL.insertEvent);
  }

  /** One transaction: idempotency lookup, revision check, hash chain, inserts. */
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): number {
    this.begin.run();
    try {
      const revision = this.appendInTransaction(streamId, events, expected);
      this.commit.run();
      return revision;
    } catch (error) {
      this.rollback.run();
      throw error;
    }
  }

  /** Many appends in one transaction: only for seeding, which is not measured. */
  seed(appends: [string, NewEvent[]][]): void {
    this.db.transaction(() => {
      for (const [streamId, events] of appends) {
        this.appendInTransaction(streamId, events, 'no_stream');
      }
    })();
  }

  private appendInTransaction(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): number {
    if (this.findEventInStream.get(streamId, events[0].eventId)) {
      throw new Error('the benchmark never re-appends');
    }
    const head = this.streamHead.get(streamId);
    const actual = head ? head.revision : 'no_stream';
    if (!satisfiesExpectedRevision(expected, actual)) {
      throw new RevisionConflict(streamId, expected, actual);
    }
    let revision = head ? head.revision : -1;
    let previousHash = head ? head.last_hash : GENESIS_HASH;
    const recordedAt = new Date().toISOString();
    const hashes: string[] = [];
    let firstPosition: number | bigint | undefined;
    for (const event of events) {
      revision += 1;
      const metadata =
        event.metadata.recordedAt === undefined
          ? { ...event.metadata, recordedAt }
          : event.metadata;
      const hash = computeEventHash({
        streamId,
        revision,
        eventId: event.eventId,
        type: event.type,
        data: event.data,
        metadata,
        previousHash,
      });
      const { lastInsertRowid } = this.insertEvent.run(
        streamId,
        revision,
        event.eventId,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(metadata),
        previousHash,
        hash,
        schemaVersionColumn(metadata.schemaVersion),
      );
      firstPosition ??= lastInsertRowid;
      hashes.push(hash);
      previousHash = hash;
    }
    this.merkle?.record(Number(firstPosition), hashes);
    return revision;
  }
}
