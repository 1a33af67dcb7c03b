import { Client, Pool, type PoolClient } from 'pg';
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
import type { FoldableEvent } from '../foldable-event';
import type { JsonValue } from '../json';
import type { NewEvent } from '../new-event';
import type { RecordedEvent } from '../recorded-event';
import type { StreamSnapshot } from '../stream-snapshot';
import { StreamNotFound } from '../stream-not-found.error';
import { isConnectionLostError, StoreUnavailable } from '../store-unavailable.error';
import type { ExpectedRevision } from '../expected-revision';
import { chainEvents, type StreamTail } from '../integrity/chain-events';
import { RevisionConflict } from '../revision-conflict.error';
import { appendGroup } from './append-events';
import { AppendGroupCommit } from './append-group-commit';
import { CommitListener } from './commit-listener';
import {
  type EventRow,
  type FoldRow,
  ROW_POSITION,
  ROW_REVISION,
  toFoldableEvent,
  toRecordedEvent,
} from './event-row';
import { parsePosition } from './position';
import { PostgresSubscription } from './postgres-subscription';
import { OwnCommits } from './own-commits';
import { prefetchingPages } from './prefetching-pages';
import { SharedPageReads } from './shared-page-reads';
import { migratePostgresSchema } from './schema';
import { POSTGRES_SQL } from './sql';
import { StreamTails } from './stream-tails';

/**
 * A statement the reads repeat, prepared once per connection under its name: PostgreSQL then
 * neither parses nor plans it again (about half of a short statement's cost on the server).
 */
function prepared(statement: keyof typeof POSTGRES_SQL): { name: string; text: string } {
  return { name: `ledger_${statement}`, text: POSTGRES_SQL[statement] };
}

/** Re-hashing rounds an append may lose to other writers of its stream before it gives up. */
const MAX_STALE_ROUNDS = 100;

export interface PostgresEventStoreOptions {
  /** A `postgres://` connection string (its password is never logged or reported). */
  connectionString: string;
  /** Connections for appends and reads. Default 10. */
  poolSize?: number;
  /** Rows read per query by reads and subscriptions (bounds their memory). Default 1000. */
  pageSize?: number;
}

/**
 * The event store on PostgreSQL, shared by any number of processes. Appends of one process
 * are committed in groups (append-group-commit.ts), each group one statement and one
 * transaction under one append lock (see sql.ts), so the log's position order is its commit
 * order; subscribers wake by LISTEN/NOTIFY, once per group. Durability is PostgreSQL's: an
 * append resolves after its group's COMMIT, which waits for the WAL flush under the default
 * `synchronous_commit = on`.
 */
export class PostgresEventStore implements EventStore {
  private readonly subscriptions = new Set<PostgresSubscription>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly tails = new StreamTails();
  private readonly groupCommit = new AppendGroupCommit(async (group) => {
    const { outcomes, stored } = await this.withClient((client) => appendGroup(client, group));
    if (stored.length > 0) {
      // This process's subscribers take the group from here, woken before its NOTIFY arrives.
      this.ownCommits.add(stored);
      this.listener.committed(stored[stored.length - 1][ROW_POSITION]);
    }
    return outcomes;
  });
  private readonly ownCommits = new OwnCommits();
  private readonly livePages = new SharedPageReads((after, limit) =>
    this.readAllPage(after, limit),
  );
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly listener: CommitListener,
    private readonly pageSize: number,
    private readonly poolSize: number,
  ) {}

  static async connect(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const poolSize = options.poolSize ?? 10;
    const pool = new Pool({ connectionString: options.connectionString, max: poolSize });
    // An idle connection dropped by the server must not crash the process; the next query
    // opens a new one.
    pool.on('error', () => undefined);
    // Nor one dropped while checked out, between two statements or on its way back to the
    // pool, where pg-pool listens to none: the statement in flight fails with it anyway.
    pool.on('connect', (client) => client.on('error', () => undefined));
    try {
      const client = await pool.connect();
      try {
        await migratePostgresSchema(client);
      } finally {
        client.release();
      }
      const listener = await CommitListener.start(
        () => new Client({ connectionString: options.connectionString }),
      );
      return new PostgresEventStore(pool, listener, options.pageSize ?? 1000, poolSize);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('the event store is closed'));
    if (events.length === 0) {
      return Promise.reject(new RangeError('an append needs at least one event'));
    }
    const attempt = () => this.appendOnce(streamId, events, options.expectedRevision);
    return this.track(this.retryingLostConnections(attempt));
  }

  /**
   * Stamps and hashes the events onto the stream's last event as far as this process knows it,
   * then submits them to the next group, whose statement checks idempotency, the expected
   * revision and that tail under the lock. A tail another writer moved past is answered with
   * the head: hashed again onto it, in a later group.
   */
  private async appendOnce(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const recordedAt = new Date().toISOString();
    const stamped = events.map((event) =>
      event.metadata.recordedAt === undefined
        ? { ...event, metadata: { ...event.metadata, recordedAt } }
        : event,
    );
    let tail = await this.tailToHashOnto(streamId, expectedRevision);
    for (let round = 1; ; round += 1) {
      const chained = chainEvents(streamId, tail, stamped);
      const outcome = await this.groupCommit.submit({
        streamId,
        expectedRevision,
        tail,
        events: chained,
      });
      switch (outcome.kind) {
        case 'appended':
          this.tails.remember(streamId, { revision: outcome.revision, hash: outcome.hash });
          return { revision: outcome.revision, position: outcome.position };
        case 'duplicate':
          return { revision: outcome.revision, position: outcome.position };
        case 'conflict':
          throw new RevisionConflict(streamId, expectedRevision, outcome.actual);
        case 'stale':
          if (round >= MAX_STALE_ROUNDS) {
            throw new Error(`stream ${streamId} kept moving: the append was not stored`);
          }
          tail = outcome.head;
          if (tail) this.tails.remember(streamId, tail);
      }
    }
  }

  /**
   * The last event to hash a new chain onto: none for `no_stream`; the remembered one if it is
   * at or past the expected revision (or none is expected exactly); else the head as stored now,
   * read without the lock (the group's statement checks it under the lock).
   */
  private async tailToHashOnto(
    streamId: string,
    expectedRevision: ExpectedRevision,
  ): Promise<StreamTail | undefined> {
    if (expectedRevision === 'no_stream') return undefined;
    const known = this.tails.get(streamId);
    // Past the expected revision, the append can only be a conflict or a retry of one stored
    // (answered before the chain is looked at): no need to read the head.
    if (known && (typeof expectedRevision !== 'number' || known.revision >= expectedRevision)) {
      return known;
    }
    const { rows } = await this.pool.query<{ revision: number; last_hash: string }>({
      ...prepared('streamHead'),
      values: [streamId],
    });
    if (rows[0] === undefined) return undefined;
    const head = { revision: rows[0].revision, hash: rows[0].last_hash };
    this.tails.remember(streamId, head);
    return head;
  }

  /**
   * A connection the server dropped (a restart, a failover, an idle one handed out before its
   * end was read) is retried on another, after a short pause: safe, as an append that did
   * commit is found by its event ids and answered as it was (every append of a group whose
   * connection was lost is retried so). Each failure drops one dead
   * connection, so the pool's size plus one attempts reach a new one if the server is up.
   * Still lost: the store is unavailable.
   */
  private async retryingLostConnections<T>(attempt: () => Promise<T>): Promise<T> {
    for (let failures = 0; ; failures += 1) {
      try {
        return await attempt();
      } catch (error) {
        if (!isConnectionLostError(error)) throw error;
        if (this.closed || failures >= this.poolSize) {
          throw new StoreUnavailable('PostgreSQL event store', { cause: error });
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20 * (failures + 1)));
    }
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    return this.pagedStreamRead(streamId, options);
  }

  readStreamForFold(
    streamId: string,
    options: ReadForFoldOptions = {},
  ): AsyncIterable<readonly FoldableEvent[]> {
    this.assertOpen();
    return this.pagedFoldRead(streamId, options.fromRevision ?? 0);
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    return prefetchingPages(
      (after, limit) => this.readAllRows(after, limit),
      (row) => row[ROW_POSITION],
      toRecordedEvent,
      () => parsePosition(options.fromPosition),
      options.maxCount ?? Number.POSITIVE_INFINITY,
      this.pageSize,
    );
  }

  readAllPages(options: ReadAllOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    this.assertOpen();
    return this.logPages(options);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    const subscription = new PostgresSubscription(
      // This process's own commits when they come right after `after`, else the log, one read
      // shared by the subscribers asking for the same page at once.
      (after, limit) => {
        const own = this.ownCommits.after(after, limit);
        return own
          ? Promise.resolve(own)
          : this.livePages.read(after, limit, this.listener.generation);
      },
      this.listener,
      parsePosition(options.fromPosition),
      this.pageSize,
      (closed) => this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async findEvent(streamId: string, eventId: string): Promise<RecordedEvent | undefined> {
    this.assertOpen();
    const rows = await this.eventRows('findEvent', [streamId, eventId]);
    return rows[0] === undefined ? undefined : toRecordedEvent(rows[0]);
  }

  async readSnapshot(streamId: string): Promise<StreamSnapshot | undefined> {
    this.assertOpen();
    const { rows } = await this.pool.query<{
      shape: string;
      revision: number;
      position: string;
      state: string;
    }>(POSTGRES_SQL.readSnapshot, [streamId]);
    const row = rows[0];
    if (row === undefined) return undefined;
    const { shape, revision, position, state } = row;
    return { shape, revision, position, state: JSON.parse(state) as JsonValue };
  }

  async writeSnapshot(streamId: string, snapshot: StreamSnapshot): Promise<void> {
    this.assertOpen();
    const { shape, revision, position } = snapshot;
    await this.track(
      this.pool.query(POSTGRES_SQL.upsertSnapshot, [
        streamId,
        shape,
        revision,
        position,
        JSON.stringify(snapshot.state),
      ]),
    );
  }

  async deleteSnapshots(streamId: string): Promise<void> {
    this.assertOpen();
    await this.track(this.pool.query(POSTGRES_SQL.deleteSnapshots, [streamId]));
  }

  async headPosition(): Promise<string | undefined> {
    this.assertOpen();
    const { rows } = await this.pool.query<{ head: string | null }>(POSTGRES_SQL.headPosition);
    return rows[0]?.head ?? undefined;
  }

  async health(): Promise<StoreHealth> {
    try {
      await this.pool.query('SELECT 1');
      return { kind: 'postgres', reachable: true };
    } catch (error) {
      return {
        kind: 'postgres',
        reachable: false,
        detail: storeFailureReason(error),
      };
    }
  }

  /** Waits for appends under way, ends every subscription, then the connections. Safe twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.listener.stop();
    await this.pool.end();
  }

  /** The log in pages, one query each; a short page is the last. */
  private async *logPages(
    options: ReadAllOptions,
  ): AsyncGenerator<RecordedEvent[], void, undefined> {
    let after = parsePosition(options.fromPosition);
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    const pageSize = pageSizeOf(options, this.pageSize);
    while (remaining > 0) {
      const limit = Math.min(pageSize, remaining);
      const page = await this.readAllPage(after, limit);
      if (page.length === 0) return;
      remaining -= page.length;
      after = page[page.length - 1].position;
      yield page;
      if (page.length < limit) return;
    }
  }

  private async readAllPage(after: string, limit: number): Promise<RecordedEvent[]> {
    return (await this.readAllRows(after, limit)).map(toRecordedEvent);
  }

  private readAllRows(after: string, limit: number): Promise<EventRow[]> {
    return this.eventRows('readAll', [after, limit]);
  }

  private async eventRows(
    statement: 'readAll' | 'findEvent' | 'readStreamForwards' | 'readStreamBackwards',
    values: unknown[],
  ): Promise<EventRow[]> {
    return (await this.pool.query<EventRow>({ ...prepared(statement), values, rowMode: 'array' }))
      .rows;
  }

  private async *pagedStreamRead(
    streamId: string,
    options: ReadStreamOptions,
  ): AsyncGenerator<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    // First page: an unknown stream is an error, not an empty read.
    const head = (
      await this.pool.query<{ revision: number }>({
        ...prepared('streamHead'),
        values: [streamId],
      })
    ).rows[0];
    if (head === undefined) throw new StreamNotFound(streamId);
    let next = options.fromRevision ?? (backwards ? head.revision : 0);
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    const sql = backwards ? 'readStreamBackwards' : 'readStreamForwards';
    while (remaining > 0 && next >= 0) {
      const limit = Math.min(this.pageSize, remaining);
      const rows = await this.eventRows(sql, [streamId, next, limit]);
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      next = rows[rows.length - 1][ROW_REVISION] + (backwards ? -1 : 1);
    }
  }

  private async *pagedFoldRead(
    streamId: string,
    fromRevision: number,
  ): AsyncGenerator<FoldableEvent[]> {
    const head = (
      await this.pool.query<{ revision: number }>({
        ...prepared('streamHead'),
        values: [streamId],
      })
    ).rows[0];
    if (head === undefined) throw new StreamNotFound(streamId);
    for (let next = fromRevision; ;) {
      const { rows } = await this.pool.query<FoldRow>({
        ...prepared('readStreamForFold'),
        values: [streamId, next, this.pageSize],
      });
      if (rows.length > 0) yield rows.map(toFoldableEvent);
      if (rows.length < this.pageSize) return;
      next = rows[rows.length - 1].revision + 1;
    }
  }

  private async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A connection the server drops while checked out (a restart, a failover) emits an error
    // nobody else listens to, which would end the process: the statement in flight fails with
    // it anyway, and the connection is dropped instead of going back to the pool.
    let lost: Error | undefined;
    const onLost = (error: Error) => (lost = error);
    client.on('error', onLost);
    try {
      return await work(client);
    } catch (error) {
      if (isConnectionLostError(error)) lost ??= error as Error;
      throw error;
    } finally {
      client.off('error', onLost);
      client.release(lost);
    }
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const done = (): void => {
      this.inFlight.delete(work);
    };
    work.then(done, done);
    return work;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the event store is closed');
  }
}
