import { WalCheckpointer } from './wal-checkpointer';
import { WalSync } from './wal-sync';
import { DurableHead } from './durable-head';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppendResult } from '../append-result';
import { storeFailureReason } from '../store-failure-reason';
import { pageSizeOf } from '../page-size';
import type {
  AllSubscription,
  AppendOptions,
  EventStore,
  ReadAllOptions,
  ReadForFoldOptions,
  ReadStreamOptions,
  StoreHealth,
  SubscribeToAllOptions,
} from '../event-store.port';
import type { MerkleLog } from '../merkle/merkle-log.port';
import type { FoldableEvent } from '../foldable-event';
import type { NewEvent } from '../new-event';
import type { RecordedEvent } from '../recorded-event';
import type { StreamSnapshot } from '../stream-snapshot';
import type { JsonValue } from '../json';
import { decodeSnapshotState, encodeSnapshotState } from './snapshot-blob';
import { StreamNotFound } from '../stream-not-found.error';
import { appendEvents } from './append-events';
import { CommitSignal } from './commit-signal';
import { type EventRow, ROW_POSITION, ROW_REVISION, toRecordedEvent } from './event-row';
import { FOLD_ROW_POSITION, type FoldRow, type MetadataReader, toFoldableEvents } from './fold-row';
import { OwnCommits } from './own-commits';
import { PagedRead } from './paged-read';
import { CommitObserver, GroupCommit } from './group-commit';
import { parsePosition } from './position';
import { migrateSqliteSchema } from './schema';
import { SqliteSubscription } from './sqlite-subscription';
import { prepareStatements, type SqliteStatements } from './statements';
import { SQLITE_SQL } from './sql';

export type SqliteSynchronous = 'FULL' | 'EXTRA' | 'NORMAL';

export interface SqliteEventStoreOptions {
  /** The database file; its directory is created when missing. */
  file: string;
  /**
   * SQLite's `synchronous`; FULL (default) makes every acknowledged append survive power loss.
   * On a file, FULL syncs off the event loop (see durable-head.ts).
   */
  synchronous?: SqliteSynchronous;
  /** Rows read per query by reads and subscriptions (bounds their memory). Default 1000. */
  pageSize?: number;
  /**
   * false: this process keeps no Merkle log (only for bench:store's line without the tree);
   * the next open with it on builds the tree over the events written meanwhile. Default true.
   */
  merkleLog?: boolean;
  /**
   * Another process appends to the same file (the API, while this is the projector): every this
   * many ms, subscriptions wake if the file changed (`PRAGMA data_version`, a read of a counter
   * kept in shared memory). Undefined: only this process appends, its commits wake them.
   */
  watchOtherWritersMs?: number;
  /**
   * The writing process: every this many ms a worker thread copies the WAL into the database
   * file (see WalCheckpointer), so commits no longer pay for checkpoints on the event loop.
   * Undefined: SQLite's automatic checkpoints only, run inside the commits.
   */
  backgroundCheckpointMs?: number;
}

const SYNCHRONOUS_MODES: readonly SqliteSynchronous[] = ['FULL', 'EXTRA', 'NORMAL'];

/**
 * The embedded event store: one SQLite file in WAL mode, written through one connection by
 * group commit (see group-commit.ts for what is atomic). Reads run in pages on the same
 * connection, so no statement iterator stays open across an `await` and memory does not
 * grow with the log.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: SqliteStatements;
  private readonly signal = new CommitSignal();
  /** What this store's commits wrote, for its subscribers (never read back from the file). */
  private readonly ownCommits = new OwnCommits();
  private readonly groupCommit: GroupCommit;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private closed = false;
  private otherWriters: NodeJS.Timeout | undefined;
  private checkpointer: WalCheckpointer | undefined;

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const synchronous = options.synchronous ?? 'FULL';
    if (!SYNCHRONOUS_MODES.includes(synchronous)) {
      throw new RangeError(`synchronous must be one of ${SYNCHRONOUS_MODES.join(', ')}`);
    }
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    const db = new Database(options.file);
    let durable: DurableHead | undefined;
    try {
      db.pragma('journal_mode = WAL');
      // FULL off the loop: COMMIT only writes the WAL, DurableHead syncs it before anything
      // is acknowledged or handed on. (In memory there is nothing to sync.)
      const offLoop = synchronous === 'FULL' && options.file !== ':memory:';
      db.pragma(`synchronous = ${offLoop ? 'NORMAL' : synchronous}`);
      migrateSqliteSchema(db);
      if (offLoop) {
        const head = db.prepare<[], number | null>(SQLITE_SQL.headPosition).pluck();
        durable = new DurableHead(WalSync.open(options.file), () => head.get() ?? 0);
      }
      const store = new SqliteEventStore(db, options.pageSize ?? 1000, durable);
      if (options.merkleLog === false) store.statements.merkleLog.switchOff();
      else store.statements.merkleLog.catchUp();
      if (options.watchOtherWritersMs !== undefined) {
        store.watchOtherWriters(options.watchOtherWritersMs);
      }
      if (options.backgroundCheckpointMs !== undefined && options.file !== ':memory:') {
        store.checkpointer = WalCheckpointer.start(options.file, options.backgroundCheckpointMs);
      }
      return store;
    } catch (error) {
      db.close();
      durable?.close();
      throw error;
    }
  }

  /** Wakes subscriptions when another process committed (data_version moves only for those). */
  private watchOtherWriters(everyMs: number): void {
    const version = this.db.prepare('PRAGMA data_version').pluck();
    let seen = version.get();
    this.otherWriters = setInterval(() => {
      const now = version.get();
      if (now === seen) return;
      seen = now;
      // Its commits show before its fsync: handed on once they are on disk.
      if (this.durable) this.durable.othersCommitted(() => this.signal.notify());
      else this.signal.notify();
    }, everyMs);
    this.otherWriters.unref();
  }

  /** @param durable the durable head, when FULL is done off the event loop */
  private constructor(
    private readonly db: Database.Database,
    private readonly pageSize: number,
    private readonly durable?: DurableHead,
  ) {
    this.statements = prepareStatements(db);
    this.groupCommit = new GroupCommit(
      db,
      () => this.signal.notify(),
      [this.statements.merkleLog, this.ownCommits],
      durable,
    );
  }

  /** Where subscriptions stop reading: they deliver the rest once it is on disk. */
  private durablePosition(): number {
    return this.durable ? this.durable.position : Number.MAX_SAFE_INTEGER;
  }

  /**
   * What a read waits for before it hands rows on: the fsync of their commit, if it still runs
   * (an idempotent retry must not be answered, nor an event exported, from an append that a
   * power loss could undo). Only a read racing a fresh commit waits, for one fsync at most.
   */
  private readonly untilDurable = (
    rows: readonly unknown[][],
    at: number,
  ): Promise<void> | undefined => {
    if (!this.durable) return undefined;
    let highest = 0;
    for (const row of rows) if ((row[at] as number) > highest) highest = row[at] as number;
    return this.durable.covering(highest);
  };

  /**
   * All events of one call are stored atomically or none; the call resolves once they are
   * committed to disk. Concurrent calls may share a commit (group commit) but never each
   * other's failure.
   */
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('the event store is closed'));
    // The ledger stamps its own events: the clock is read only for a writer that did not.
    const recordedAt = events.every((event) => event.metadata.recordedAt !== undefined)
      ? undefined
      : new Date().toISOString();
    return this.groupCommit.submit(() =>
      appendEvents(
        this.statements,
        streamId,
        events,
        options.expectedRevision,
        recordedAt,
        this.recordOwnRows,
      ),
    );
  }

  private readonly recordOwnRows = (rows: readonly EventRow[]): void =>
    this.ownCommits.record(rows);

  readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const statement = backwards
      ? this.statements.readStreamBackwards
      : this.statements.readStreamForwards;
    let next = options.fromRevision;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let exhausted = false;
    let found = false;
    return new PagedRead(
      (): EventRow[] | undefined => {
        if (!found) {
          // First page: an unknown stream is an error, not an empty read.
          const head = this.statements.streamHead.get(streamId);
          if (!head) throw new StreamNotFound(streamId);
          found = true;
          next ??= backwards ? head.revision : 0;
        }
        if (next === undefined) return undefined;
        if (exhausted || remaining <= 0 || next < 0) return undefined;
        const limit = Math.min(this.pageSize, remaining);
        const rows = statement.all(streamId, next, limit);
        exhausted = rows.length < limit;
        remaining -= rows.length;
        if (rows.length > 0) next = rows[rows.length - 1][ROW_REVISION] + (backwards ? -1 : 1);
        return rows;
      },
      toRecordedEvent,
      (rows) => this.untilDurable(rows, ROW_POSITION),
    );
  }

  readStreamForFold(
    streamId: string,
    options: ReadForFoldOptions = {},
  ): AsyncIterable<readonly FoldableEvent[]> {
    this.assertOpen();
    let next = options.fromRevision ?? 0;
    let exhausted = false;
    let found = false;
    const readMetadata: MetadataReader = (position) => {
      this.assertOpen();
      const metadata = this.statements.metadataAt.get(position);
      // The log is append-only: a position read a moment ago cannot be missing.
      if (metadata === undefined) throw new Error(`no event at position ${position}`);
      return metadata;
    };
    // Each "row" of this PagedRead is a whole page: one iteration step per page.
    return new PagedRead(
      (): FoldRow[][] | undefined => {
        if (!found) {
          // First page: an unknown stream is an error, not an empty read.
          if (!this.statements.streamHead.get(streamId)) throw new StreamNotFound(streamId);
          found = true;
        }
        if (exhausted) return undefined;
        const rows = this.statements.readStreamForFold.all(streamId, next, this.pageSize);
        exhausted = rows.length < this.pageSize;
        if (rows.length === 0) return undefined;
        next = rows[rows.length - 1][0] + 1;
        return [rows];
      },
      (rows) => toFoldableEvents(rows, readMetadata),
      ([rows]) => this.untilDurable(rows, FOLD_ROW_POSITION),
    );
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    return new PagedRead(this.logPages(options), toRecordedEvent, (rows) =>
      this.untilDurable(rows, ROW_POSITION),
    );
  }

  readAllPages(options: ReadAllOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    this.assertOpen();
    return eventPages(this.logPages(options), (rows) => this.untilDurable(rows, ROW_POSITION));
  }

  /** The log's rows in pages, each from one statement; undefined once the read is done. */
  private logPages(options: ReadAllOptions): () => EventRow[] | undefined {
    let after: number | undefined;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let exhausted = false;
    let pageSize: number | undefined;
    return () => {
      // Parsed on first iteration, where every other read error surfaces too.
      after ??= parsePosition(options.fromPosition);
      pageSize ??= pageSizeOf(options, this.pageSize);
      if (exhausted || remaining <= 0) return undefined;
      const limit = Math.min(pageSize, remaining);
      const rows = this.statements.readAll.all(after, limit);
      exhausted = rows.length < limit;
      remaining -= rows.length;
      if (rows.length > 0) after = rows[rows.length - 1][ROW_POSITION];
      return rows;
    };
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    const subscription = new SqliteSubscription(
      (after, limit) => {
        // A live subscriber asks after every batch: at the durable head there is nothing to read.
        const head = this.durablePosition();
        if (after >= head) return [];
        // This process's own commits are handed on as written; the file is read for the rest.
        return (
          this.ownCommits.after(after, limit) ??
          this.statements.readAllUpTo.all(after, head, limit).map(toRecordedEvent)
        );
      },
      this.signal,
      parsePosition(options.fromPosition),
      this.pageSize,
      (closed) => this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** The Merkle log kept with the events (leaf index = position − 1 on this store). */
  merkleLog(): MerkleLog {
    this.assertOpen();
    // Leaf index = position − 1: a tree size is the position of its last leaf.
    const durable = this.durable;
    return this.statements.merkleLog.reader(durable && ((size) => durable.covering(size)));
  }

  /** Reports every group commit (writes in it, COMMIT time); replaces an earlier observer. */
  observeCommits(observer: CommitObserver | undefined): void {
    this.groupCommit.observer = observer;
  }

  async findEvent(streamId: string, eventId: string): Promise<RecordedEvent | undefined> {
    this.assertOpen();
    const row = this.statements.findEvent.get(streamId, eventId);
    if (row === undefined) return undefined;
    await this.untilDurable([row], ROW_POSITION);
    return toRecordedEvent(row);
  }

  async readSnapshot(streamId: string): Promise<StreamSnapshot | undefined> {
    this.assertOpen();
    const row = this.statements.readSnapshot.get(streamId);
    if (row === undefined) return undefined;
    const { shape, revision, position } = row;
    // A snapshot written beside a commit whose fsync still runs holds that commit's events.
    await this.durable?.covering(Number(position));
    let state: JsonValue;
    try {
      state = decodeSnapshotState(row.state);
    } catch {
      return undefined; // unreadable: ignored, as one of an unknown shape (the stream is folded)
    }
    return { shape, revision, position, state };
  }

  /** Rides the next group commit, so it never costs an append a commit of its own. */
  async writeSnapshot(streamId: string, snapshot: StreamSnapshot): Promise<void> {
    this.assertOpen();
    const { shape, revision, position } = snapshot;
    const state = encodeSnapshotState(snapshot.state);
    await this.groupCommit.submit(() =>
      this.statements.upsertSnapshot.run(streamId, shape, revision, position, state),
    );
  }

  async deleteSnapshots(streamId: string): Promise<void> {
    this.assertOpen();
    await this.groupCommit.submit(() => this.statements.deleteSnapshots.run(streamId));
  }

  async headPosition(): Promise<string | undefined> {
    this.assertOpen();
    const head = this.statements.headPosition.get() ?? 0;
    await this.durable?.covering(head);
    return head === 0 ? undefined : String(head);
  }

  async health(): Promise<StoreHealth> {
    try {
      this.statements.headPosition.get();
      return { kind: 'sqlite', reachable: true };
    } catch (error) {
      return {
        kind: 'sqlite',
        reachable: false,
        detail: storeFailureReason(error),
      };
    }
  }

  /** Commits what is queued, ends every subscription, then closes the file. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.otherWriters);
    this.groupCommit.flush();
    await this.durable?.drain();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.checkpointer?.stop();
    this.db.close();
    this.durable?.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the event store is closed');
  }
}

/** Pages of rows as pages of events, up to the first empty page. */
async function* eventPages(
  readPage: () => EventRow[] | undefined,
  awaitPage: (rows: EventRow[]) => Promise<void> | undefined,
): AsyncGenerator<RecordedEvent[], void, undefined> {
  for (let rows = readPage(); rows !== undefined && rows.length > 0; rows = readPage()) {
    await awaitPage(rows);
    yield rows.map(toRecordedEvent);
  }
}
