import type { ProjectionFailure } from '../runner/projection-report';

/**
 * The read-model port. Read models are documents (plain JSON) in named collections that belong
 * to one projection; a collection may declare top-level fields to filter on. The runner is the
 * only writer: it loads and changes documents in memory for a batch of events and commits them
 * together with the projection's checkpoint in one transaction. Queries read committed data only.
 *
 * Everything that touches the database is async (a server database answers over the network);
 * only the {@link DocumentSession} a projection sees inside `apply` is synchronous: the writer
 * serves it from memory, and the runner is its only user.
 */

/** A collection of documents and the top-level fields queries filter on. */
export interface CollectionSpec {
  name: string;
  indexes?: readonly string[];
  /**
   * False for a collection the projection only writes (and deletes by key): the writer keeps
   * none of its documents between batches, so they do not crowd out the ones it reads. A
   * projection must not `get` from it in `apply` (an adapter may not be able to answer).
   */
  cache?: boolean;
}

/** Where a projection stands, as committed with its read models. */
export interface ProjectionCheckpoint {
  name: string;
  version: number;
  /** Which copy of the projection's collections is current; a rebuild builds the next one. */
  generation: number;
  /** Last position applied; undefined before the first event. */
  position: string | undefined;
  eventsApplied: number;
  updatedAt: string;
}

/**
 * What the process that runs a projection last said of it, for the processes that only read it
 * (an API with LEDGER_PROJECTIONS=off): `failed` from the moment it stopped on an event until a
 * runner starts it again or a rebuild swaps a new copy in.
 */
export interface ProjectionStatus {
  name: string;
  status: 'running' | 'failed';
  /** Why it stopped (the event and the error's message, never a stack); null while running. */
  failure: ProjectionFailure | null;
  updatedAt: string;
}

/** Documents a projection sees while it applies events; changes stay in memory until commit. */
export interface DocumentSession {
  get<T extends object>(collection: string, key: string): T | undefined;
  /** Stores `doc` (also after changing a document that `get` returned). */
  put<T extends object>(collection: string, key: string, doc: T): void;
  delete(collection: string, key: string): void;
}

/** A projection's collections in one generation, written by the runner. */
export interface ProjectionWriter extends DocumentSession {
  readonly generation: number;
  /** Forgets uncommitted changes (after a failed apply). */
  discard(): void;
  /** How many documents changed since the last commit (held in memory until it). */
  pendingDocuments(): number;
}

/** A value of an indexed field; null when the document has none (sorted last). */
export type IndexValue = string | number | null;

export interface ListQuery {
  /** Equality filters on indexed fields. */
  where?: Record<string, string | number>;
  /** Documents whose top-level array field holds this value (e.g. `{ offerings: id }`). */
  contains?: Record<string, string>;
  /** Case-insensitive substring match on an indexed field that holds lower-case text. */
  search?: { field: string; text: string };
  /** Only documents whose key starts with this (e.g. `<offeringId>:` for its months). */
  keyPrefix?: string;
  /**
   * Order by an indexed field (nulls last), then by key; without it, by key. Keys are unique,
   * so the order is total and keyset paging is stable.
   */
  orderBy?: { field: string; descending?: boolean };
  /** Keyset pagination: documents with a key after this one (ordered by key). */
  afterKey?: string;
  /** Keyset pagination under `orderBy`: documents after this (value, key). */
  after?: { value: IndexValue; key: string };
  offset?: number;
  limit: number;
}

export interface ListPage<T> {
  items: T[];
  /** Key of the last item when more may follow. */
  lastKey?: string;
  /** With `orderBy`: the last item's sort value when more may follow. */
  lastSortValue?: IndexValue;
  total: number;
}

/** Read side used by query handlers: committed data of the current generation. */
export interface ReadModelReader {
  get<T extends object>(
    projection: string,
    collection: string,
    key: string,
  ): Promise<T | undefined>;
  list<T extends object>(
    projection: string,
    collection: string,
    query: ListQuery,
  ): Promise<ListPage<T>>;
}

/** Part of one commit: a writer's pending documents and/or a checkpoint row. */
export interface ReadModelWrite {
  writer?: ProjectionWriter;
  checkpoint?: ProjectionCheckpoint;
  /**
   * The projection whose owner token fences the checkpoint (see OwnershipFence), when it is not
   * the checkpoint's own name: the EventBus feed's (`$event-bus`) goes with its projection's.
   */
  fencedBy?: string;
}

export interface ReadModelStore extends ReadModelReader {
  /** Every checkpoint on record, including the bookkeeping of sagas (names starting with `$`). */
  checkpoints(): Promise<ProjectionCheckpoint[]>;
  checkpoint(name: string): Promise<ProjectionCheckpoint | undefined>;
  /** Creates the collections of `generation` (empty) for a projection, if missing. */
  prepare(
    projection: string,
    generation: number,
    collections: readonly CollectionSpec[],
  ): Promise<void>;
  /** Drops a generation's collections (after a swap or a reset). */
  drop(projection: string, generation: number): Promise<void>;
  /**
   * The writer of a projection's generation; it may load the documents it serves from memory,
   * so a projection's writer is opened once, by the one process that owns the projection.
   */
  writer(projection: string, generation: number): Promise<ProjectionWriter>;
  /**
   * Atomically commits the writers' pending changes and the checkpoints given: after a crash
   * either all of them are visible or none.
   */
  commit(writes: readonly ReadModelWrite[]): Promise<void>;
  /** Makes `generation` the one readers see for `projection` (after its checkpoint is committed). */
  publishGeneration(projection: string, generation: number): Promise<void>;
  /** Replaces what is on record of a projection's status (written by the process running it). */
  recordStatus(status: ProjectionStatus): Promise<void>;
  /** Every projection status on record. */
  statuses(): Promise<ProjectionStatus[]>;
  close(): Promise<void>;
}

/** Injection token for the process's read-model store. */
export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');
