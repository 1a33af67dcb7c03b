import { RecordedEvent } from '@app/event-store';
import { isAtOrBefore } from '../position';
import { ProjectedEvent, Projection } from '../projection';
import { ProjectionCheckpoint, ProjectionWriter } from '../read-model/read-model-store';
import { ProjectionFailure } from './projection-report';

/** Batches a projection may leave uncommitted while catching up (see `defersCommit`). */
export const DEFERRED_BATCHES = 200;
/** … and events it may have applied meanwhile: what it holds until the commit stays bounded. */
export const DEFERRED_EVENTS = 100_000;
/**
 * Changed documents few enough that holding them costs nothing a commit would give back (the
 * SQLite writer keeps this many cached after a commit anyway): see `defersCommit`.
 */
export const FEW_PENDING_DOCUMENTS = 1_000;
/** Events a projection with few changed documents may apply uncommitted: what a restart re-applies. */
export const DEFERRED_EVENTS_WHEN_FEW = 1_000_000;

/** One generation of a projection as the runner drives it: its writer and committed checkpoint. */
export class ProjectionSlot {
  private readonly handles: ReadonlySet<string>;
  failure: ProjectionFailure | undefined;
  /** Applied in memory, not yet committed (the writer holds the documents). */
  pending: ProjectionCheckpoint | undefined;
  /** Batches ended since its last commit while catching up. */
  private deferred = 0;

  constructor(
    readonly projection: Projection,
    public checkpoint: ProjectionCheckpoint,
    readonly writer: ProjectionWriter,
  ) {
    this.handles = new Set(projection.handles);
  }

  get name(): string {
    return this.projection.name;
  }

  /**
   * Whether a batch that ends while catching up may leave this slot's changes in memory, for at
   * most DEFERRED_BATCHES batches and DEFERRED_EVENTS events applied since its last commit.
   * Catching up, each commit rewrites the pages of every document and index entry the batch
   * changed, and an offering's years or a relationship change in batch after batch: committed
   * every 500 events, a rebuild wrote ~7 times more to the read-model file and spent a fifth
   * of its CPU time committing. The checkpoint lags meanwhile (a restart re-applies from it,
   * and a projection whose `apply` throws keeps only what it had committed); once caught up,
   * and on a stop, everything is committed, and live events at once.
   *
   * A projection whose changes are few documents however many events it applies (the offering
   * trend's years, the catalog) holds no more memory by deferring, and every commit would
   * rewrite the same documents (the trend's ~750 years, 45 MB of JSON over a 1M rebuild, for
   * 7 MB at the end): it defers for up to DEFERRED_EVENTS_WHEN_FEW events.
   */
  defersCommit(): boolean {
    if (this.pending === undefined) return false;
    this.deferred += 1;
    const applied = this.pending.eventsApplied - this.checkpoint.eventsApplied;
    const defers =
      this.writer.pendingDocuments() <= FEW_PENDING_DOCUMENTS
        ? applied < DEFERRED_EVENTS_WHEN_FEW
        : this.deferred < DEFERRED_BATCHES && applied < DEFERRED_EVENTS;
    if (defers) return true;
    this.deferred = 0;
    return false;
  }

  /** Whether this projection applies events of `type` (the others only move its checkpoint). */
  handlesType(type: string): boolean {
    return this.handles.has(type);
  }

  /**
   * Applies the events after the checkpoint, in memory. Events at or before it (a duplicate
   * delivery, or a shared subscription that started earlier for another projection) change
   * nothing. Several calls may precede one commit. Returns the checkpoint to commit with the
   * writer's documents (also kept as `pending`), or undefined when nothing moved since the last
   * commit. On an error the slot's uncommitted changes are dropped and it records the failure:
   * its committed state stays at the last commit.
   */
  apply(events: readonly RecordedEvent[], now: string): ProjectionCheckpoint | undefined {
    if (events.length === 0) return this.failure ? undefined : this.pending;
    const handled = events.filter((event) => this.handles.has(event.type));
    return this.applyHandled(handled, events[events.length - 1].position, now);
  }

  /**
   * `apply` of a chunk already sorted out by type (runner/event-dispatch): `handled` are the
   * chunk's events of the types this projection handles, `through` the chunk's last position,
   * where the checkpoint moves whatever the chunk held.
   */
  applyHandled(
    handled: readonly RecordedEvent[],
    through: string,
    now: string,
  ): ProjectionCheckpoint | undefined {
    if (this.failure) return undefined;
    const base = this.pending ?? this.checkpoint;
    if (isAtOrBefore(through, base.position)) return this.pending;
    let applied = 0;
    // Positions rise within a chunk: when its first event is new, every one is (the common case).
    const checkEach = handled.length > 0 && isAtOrBefore(handled[0].position, base.position);
    for (const event of handled) {
      if (checkEach && isAtOrBefore(event.position, base.position)) continue;
      try {
        // The one place a stored event becomes typed: its type is one the projection handles
        // and the reader upcast its data to the current schema (batching-reader.ts).
        this.projection.apply(this.writer, event as ProjectedEvent);
      } catch (error) {
        this.writer.discard();
        this.pending = undefined;
        this.failure = {
          position: event.position,
          eventId: event.eventId,
          type: event.type,
          error: error instanceof Error ? error.message : String(error),
          at: now,
        };
        return undefined;
      }
      applied++;
    }
    this.pending = {
      ...base,
      position: through,
      eventsApplied: base.eventsApplied + applied,
      updatedAt: now,
    };
    return this.pending;
  }
}
