import {
  BACKWARDS,
  END,
  type EventData,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  type Position,
  START,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { foldPagesOf } from '../fold-pages';
import { pagesOf } from '../pages-of';
import type { FoldableEvent } from '../foldable-event';
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
import { satisfiesExpectedRevision } from '../expected-revision';
import type { NewEvent } from '../new-event';
import type { RecordedEvent } from '../recorded-event';
import type { StreamSnapshot } from '../stream-snapshot';
import { RevisionConflict } from '../revision-conflict.error';
import { type Chained, chainEvents } from '../integrity/chain-events';
import { assertNoReservedKeys, packMetadata, type StoredLedgerMetadata } from './esdb-metadata';
import { decodeEsdbPosition, encodeEsdbPosition } from './esdb-position';
import { drainRead, isMissingStreamError, mapReadError } from './esdb-read';
import { isSystemEvent, toRecordedEvent } from './esdb-recorded-event';
import { inspectStream } from './esdb-stream-inspection';
import { deleteEsdbSnapshots, readEsdbSnapshot, writeEsdbSnapshot } from './esdb-snapshots';
import { EsdbAllSubscription } from './esdb-subscription';

/** Appends with `any` / `stream_exists` re-read and retry this often when they lose a race. */
const MAX_APPEND_ATTEMPTS = 8;
const HEALTH_DEADLINE_MS = 3000;
/** Events per page of a fold's read (as the other adapters' default page). */
const FOLD_PAGE_SIZE = 1000;
/** Events per page of `readAllPages`. */
const ALL_PAGE_SIZE = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type LedgerEvent = NewEvent & { metadata: StoredLedgerMetadata };

/**
 * The EventStore port on EventStoreDB (`@eventstore/db-client` 6). See docs/eventstoredb.md.
 *
 * What is atomic: one `append` is one `appendToStream` call, which the server stores all or
 * nothing. The hash chain needs the predecessor's hash, so every append first reads the stream's
 * tail and then writes with that tail's EXACT revision as the server-side expectation; if another
 * writer got in between, the server refuses the write and nothing half-chained is stored.
 *
 * Event ids must be UUIDs (EventStoreDB's rule); they are stored, hashed and given back in lower
 * case, the form the server returns. The store expects a database of its own: a non-system
 * event in `$all` that the ledger did not write makes reads fail loudly.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbAllSubscription>();
  private closed = false;

  constructor(private readonly client: EventStoreDBClient) {}

  /** Parses the connection string (throws when it is malformed); connects lazily. */
  static connect(connectionString: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  async append(
    streamId: string,
    events: NewEvent[],
    { expectedRevision }: AppendOptions,
  ): Promise<AppendResult> {
    const batch = prepareBatch(events, new Date().toISOString());
    const eventIds = batch.map((event) => event.eventId);
    for (let attempt = 1; ; attempt += 1) {
      // Idempotency first: a retry of an append that went through has a stale expectation by
      // now, yet must get its original answer.
      const { tail, original } = await inspectStream(this.client, streamId, eventIds);
      if (original) return original;
      const actual = tail ? tail.revision : 'no_stream';
      if (!satisfiesExpectedRevision(expectedRevision, actual)) {
        throw new RevisionConflict(streamId, expectedRevision, actual);
      }
      const chained = chainEvents(streamId, tail, batch);
      try {
        const result = await this.client.appendToStream(streamId, chained.map(toEventData), {
          expectedRevision: tail ? BigInt(tail.revision) : NO_STREAM,
        });
        const revision = Number(result.nextExpectedRevision);
        return { revision, position: await this.positionOf(streamId, revision, result.position) };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        // Another writer moved the tail between our read and our write. The next pass gives
        // the original answer, raises the caller's conflict, or (any/stream_exists) re-chains.
        if (attempt >= MAX_APPEND_ATTEMPTS) {
          const current = error.actualVersion;
          throw new RevisionConflict(
            streamId,
            expectedRevision,
            current === 'no_stream' ? current : Number(current),
          );
        }
      }
    }
  }

  async *readStream(
    streamId: string,
    options: ReadStreamOptions = {},
  ): AsyncGenerator<RecordedEvent, void, undefined> {
    const backwards = options.direction === 'backwards';
    const fromRevision =
      options.fromRevision === undefined
        ? backwards
          ? END
          : START
        : BigInt(nonNegativeInteger(options.fromRevision, 'fromRevision'));
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision,
      ...(options.maxCount === undefined
        ? {}
        : { maxCount: nonNegativeInteger(options.maxCount, 'maxCount') }),
    });
    try {
      for await (const resolved of drainRead(read)) {
        if (resolved.event !== undefined) yield toRecordedEvent(resolved.event);
      }
    } catch (error) {
      throw mapReadError(error, streamId);
    }
  }

  /** The server sends whole events: its readStream, in pages (see foldPagesOf). */
  readStreamForFold(
    streamId: string,
    options: ReadForFoldOptions = {},
  ): AsyncIterable<readonly FoldableEvent[]> {
    return foldPagesOf(this.readStream(streamId, options), FOLD_PAGE_SIZE);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent, void, undefined> {
    const maxCount =
      options.maxCount === undefined
        ? Number.POSITIVE_INFINITY
        : nonNegativeInteger(options.maxCount, 'maxCount');
    if (maxCount === 0) return;
    // ESDB reads $all from a position INCLUSIVELY; the port's fromPosition is exclusive.
    const from =
      options.fromPosition === undefined ? undefined : decodeEsdbPosition(options.fromPosition);
    const after = options.fromPosition === undefined ? undefined : BigInt(options.fromPosition);
    const read = this.client.readAll({ direction: FORWARDS, fromPosition: from ?? START });
    let delivered = 0;
    // maxCount counts ledger events only, so the server's count cannot be used: system events
    // are skipped here (this client has no server-side filter for reads).
    for await (const resolved of drainRead(read)) {
      const event = resolved.event;
      if (event === undefined || isSystemEvent(event)) continue;
      const recorded = toRecordedEvent(event);
      if (after !== undefined && BigInt(recorded.position) <= after) continue;
      yield recorded;
      delivered += 1;
      if (delivered >= maxCount) return;
    }
  }

  // A generator: a bad page size is refused on the first read, as on the other adapters.
  async *readAllPages(
    options: ReadAllOptions = {},
  ): AsyncGenerator<RecordedEvent[], void, undefined> {
    yield* pagesOf(this.readAll(options), pageSizeOf(options, ALL_PAGE_SIZE));
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    const from = options.fromPosition;
    const source = this.client.subscribeToAll({
      fromPosition: from === undefined ? START : decodeEsdbPosition(from),
      filter: excludeSystemEvents(),
    });
    const subscription: EsdbAllSubscription = new EsdbAllSubscription(source, from, () =>
      this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** EventStoreDB has no index by event id: walks back from the end until the id turns up. */
  async findEvent(streamId: string, eventId: string): Promise<RecordedEvent | undefined> {
    const wanted = eventId.toLowerCase();
    let found: RecordedEvent | undefined;
    try {
      const read = this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END });
      for await (const resolved of drainRead(read)) {
        if (resolved.event?.id === wanted) found = toRecordedEvent(resolved.event);
      }
    } catch (error) {
      if (!isMissingStreamError(error)) throw error;
    }
    return found;
  }

  readSnapshot(streamId: string): Promise<StreamSnapshot | undefined> {
    return readEsdbSnapshot(this.client, streamId);
  }

  writeSnapshot(streamId: string, snapshot: StreamSnapshot): Promise<void> {
    return writeEsdbSnapshot(this.client, streamId, snapshot);
  }

  deleteSnapshots(streamId: string): Promise<void> {
    return deleteEsdbSnapshots(this.client, streamId);
  }

  async headPosition(): Promise<string | undefined> {
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END });
    for await (const resolved of drainRead(read)) {
      const event = resolved.event;
      if (event !== undefined && !isSystemEvent(event)) return encodeEsdbPosition(event.position);
    }
    return undefined;
  }

  async health(): Promise<StoreHealth> {
    try {
      const read = this.client.readAll({
        direction: BACKWARDS,
        fromPosition: END,
        maxCount: 1,
        deadline: HEALTH_DEADLINE_MS,
      });
      for await (const _ of drainRead(read)) {
        // Reading one record proves the server answers.
      }
      return { kind: 'eventstoredb', reachable: true };
    } catch (error) {
      return { kind: 'eventstoredb', reachable: false, detail: storeFailureReason(error) };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /**
   * The $all position of the event at `revision`, read back from the stream: the append
   * answer's own position describes the write as a whole, and the port promises the position
   * of the last event, the one readAll and subscriptions hand out.
   */
  private async positionOf(
    streamId: string,
    revision: number,
    fallback: Position | undefined,
  ): Promise<string> {
    const read = this.client.readStream(streamId, {
      direction: FORWARDS,
      fromRevision: BigInt(revision),
      maxCount: 1,
    });
    for await (const resolved of drainRead(read)) {
      if (resolved.event?.position !== undefined)
        return encodeEsdbPosition(resolved.event.position);
    }
    if (fallback !== undefined) return encodeEsdbPosition(fallback);
    throw new Error(`no $all position for stream ${streamId} revision ${revision}`);
  }
}

/** Validates the batch once and stamps recordedAt, so every retry writes the same content. */
function prepareBatch(events: readonly NewEvent[], now: string): LedgerEvent[] {
  if (events.length === 0) throw new RangeError('an append needs at least one event');
  const ids = new Set<string>();
  return events.map((event) => {
    if (!UUID.test(event.eventId)) {
      throw new TypeError(`event id ${JSON.stringify(event.eventId)} is not a UUID`);
    }
    const eventId = event.eventId.toLowerCase();
    if (ids.has(eventId)) throw new TypeError(`event id ${eventId} appears twice in one append`);
    ids.add(eventId);
    assertNoReservedKeys(event.metadata);
    return {
      ...event,
      eventId,
      metadata: { ...event.metadata, recordedAt: event.metadata.recordedAt ?? now },
    };
  });
}

function toEventData(event: Chained<NewEvent & { metadata: StoredLedgerMetadata }>): EventData {
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data,
    metadata: packMetadata(event.metadata, event.previousHash, event.hash),
  });
}

function nonNegativeInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  return value;
}
