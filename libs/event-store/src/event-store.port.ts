import { AppendResult } from './append-result';
import { ExpectedRevision } from './expected-revision';
import { FoldableEvent } from './foldable-event';
import { NewEvent } from './new-event';
import { RecordedEvent } from './recorded-event';
import { StreamSnapshot } from './stream-snapshot';

/** Injection token for the one EventStore of the process. */
export const EVENT_STORE = Symbol('EVENT_STORE');

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface ReadStreamOptions {
  /** First revision to read (inclusive); default: the start (forwards) or the end (backwards). */
  fromRevision?: number;
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

export interface ReadForFoldOptions {
  /** First revision to read (inclusive); default 0. */
  fromRevision?: number;
}

export interface ReadAllOptions {
  /** Read events after this position (exclusive); default: from the very first event. */
  fromPosition?: string;
  maxCount?: number;
  /**
   * Most events per page of `readAllPages` (a positive integer; default: the store's page
   * size). A reader that works through each page a slice at a time asks for pages of its
   * slice, so the decoded events it holds die young.
   */
  pageSize?: number;
}

export interface SubscribeToAllOptions {
  /** Deliver events after this position (exclusive): pass the last position processed. */
  fromPosition?: string;
}

/** A catch-up-then-live subscription. Iterate it; events arrive once each, in log order. */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  /** Stops delivery; a pending iteration ends (returns done). Safe to call twice. */
  close(): Promise<void>;
}

export interface StoreHealth {
  kind: 'sqlite' | 'eventstoredb' | 'postgres';
  reachable: boolean;
  detail?: string;
}

/**
 * The only way any code touches events.
 *
 * Guarantees every adapter keeps (the contract suite checks them):
 * - `append` stores all events of one call atomically or none, after checking `expectedRevision`
 *   inside the same atomic step; a stale expectation throws {@link RevisionConflict}.
 * - Appending events whose ids already stand at consecutive revisions of that stream is a no-op
 *   that returns the original result (safe retries).
 * - Each event is chained to its predecessor in the stream by SHA-256 (see docs/integrity.md);
 *   the hash is computed inside the append's revision check, so two writers never chain onto
 *   the same predecessor.
 * - An acknowledged append is durable.
 * - `readStream` on an unknown stream throws {@link StreamNotFound} (possibly on first iteration).
 * - `readAll`, `readAllPages` and `subscribeToAll` go forward in commit order and leave out system events.
 */
export interface EventStore {
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  /**
   * The stream forwards from `fromRevision`, a page of events at a time, with only what a fold
   * needs (see {@link FoldableEvent}): a cold load of a long stream reads no hashes or ids and
   * parses no metadata, and pays the async iteration once per page, not per event. The same
   * events, in the same order, as `readStream`; an unknown stream throws {@link StreamNotFound}.
   */
  readStreamForFold(
    streamId: string,
    options?: ReadForFoldOptions,
  ): AsyncIterable<readonly FoldableEvent[]>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /**
   * The events `readAll` reads, in the same order, a page at a time (no page empty): catching
   * up pays the async iteration once per page, not per event (the projection runner's catch-up
   * before it subscribes). Ends at the head as the last page was read.
   */
  readAllPages(options?: ReadAllOptions): AsyncIterable<readonly RecordedEvent[]>;
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;
  /**
   * The event with this id in this stream (its earliest, should one id stand twice), looked up
   * by an index where the store has one; undefined when the stream holds no such event.
   */
  findEvent(streamId: string, eventId: string): Promise<RecordedEvent | undefined>;
  /** The latest snapshot kept for the stream, if any (see {@link StreamSnapshot}). */
  readSnapshot(streamId: string): Promise<StreamSnapshot | undefined>;
  /**
   * Keeps a snapshot of the stream, replacing an older one (never a newer one). Best effort:
   * a snapshot lost to a crash costs a longer fold, never an answer.
   */
  writeSnapshot(streamId: string, snapshot: StreamSnapshot): Promise<void>;
  /** Forgets the stream's snapshots; the next cold load folds the whole stream. */
  deleteSnapshots(streamId: string): Promise<void>;
  /** Position of the last event in the log, or undefined when the log is empty. */
  headPosition(): Promise<string | undefined>;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}
