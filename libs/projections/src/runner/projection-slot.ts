import { RecordedEvent } from '@app/event-store';
import { isAtOrBefore } from '../position';
import { Projection } from '../projection';
import { ProjectionCheckpoint, ProjectionWriter } from '../read-model/read-model-store';
import { ProjectionFailure } from './projection-report';

/** One generation of a projection as the runner drives it: its writer and committed checkpoint. */
export class ProjectionSlot {
  private readonly handles: ReadonlySet<string>;
  failure: ProjectionFailure | undefined;

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
   * Applies the events after the checkpoint, in memory. Events at or before it (a duplicate
   * delivery, or a shared subscription that started earlier for another projection) change
   * nothing. Returns the checkpoint to commit with the writer's documents, or undefined when
   * the checkpoint does not move. On an error the slot's pending changes are dropped and it
   * records the failure: its committed state stays at the end of the previous batch.
   */
  apply(events: readonly RecordedEvent[], now: string): ProjectionCheckpoint | undefined {
    if (this.failure) return undefined;
    let position = this.checkpoint.position;
    let applied = 0;
    // Positions rise within a batch: when its first event is new, every one is (the common case).
    const checkEach = events.length > 0 && isAtOrBefore(events[0].position, position);
    for (const event of events) {
      if (checkEach && isAtOrBefore(event.position, position)) continue;
      if (this.handles.has(event.type)) {
        try {
          this.projection.apply(this.writer, event);
        } catch (error) {
          this.writer.discard();
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
      position = event.position;
    }
    if (position === this.checkpoint.position) return undefined;
    return {
      ...this.checkpoint,
      position,
      eventsApplied: this.checkpoint.eventsApplied + applied,
      updatedAt: now,
    };
  }
}
