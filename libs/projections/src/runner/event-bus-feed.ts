import { EventStore, RecordedEvent } from '@app/event-store';
import { isAtOrBefore } from '../position';
import {
  ProjectionCheckpoint,
  ReadModelStore,
  ReadModelWrite,
} from '../read-model/read-model-store';
import { newCheckpoint } from './new-checkpoint';
import { describe, RunnerLogger } from './runner-logger';

/** Receives each committed batch after the read models, e.g. to feed the in-process EventBus. */
export interface CommittedEventsListener {
  /** Checkpoint name (starts with `$` so it never clashes with a projection). */
  readonly name: string;
  /**
   * The projection whose owner runs this listener: its checkpoint commits are fenced by that
   * projection's owner token, so a deposed owner cannot move it (see OwnershipFence).
   */
  readonly fencedBy?: string;
  /** Resolves once the events are handled; only then does the listener's checkpoint move. */
  publish(events: readonly RecordedEvent[]): Promise<void>;
}

/**
 * Hands each committed batch to a listener (the EventBus, hence the sagas) once, after the read
 * models of the batch, and keeps its own checkpoint so a restart does not hand them again.
 *
 * The checkpoint moved by a batch is stored with the next batch's read-model commit (see
 * `unsavedWrite`), or on its own when no batch follows soon (the runner's timer, and at stop):
 * a commit of its own after every batch was a third of a projector's statements. It still
 * moves only after the events were handed, so a crash before it is stored hands them again
 * (as a crash between handing and storing did before; the listener's reactions are idempotent).
 */
export class EventBusFeed {
  private checkpoint: ProjectionCheckpoint | undefined;
  private fresh: RecordedEvent[] = [];
  /** The checkpoint of the events handed on, until a commit stores it. */
  private unsaved: ProjectionCheckpoint | undefined;

  constructor(
    private readonly listener: CommittedEventsListener,
    private readonly eventStore: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly logger: RunnerLogger,
    private readonly now: () => string,
  ) {}

  async load(): Promise<void> {
    this.checkpoint = await this.readModels.checkpoint(this.listener.name);
  }

  /** Where the feed stands; undefined only before `ensureStarted` on a new listener. */
  get position(): string | undefined {
    return this.checkpoint?.position;
  }

  get started(): boolean {
    return this.checkpoint !== undefined;
  }

  /** A new listener starts at the head: history is not news (sagas recover on their own). */
  async ensureStarted(): Promise<void> {
    if (this.checkpoint) return;
    const head = await this.eventStore.headPosition();
    const checkpoint = newCheckpoint(this.listener.name, 1, 0, head, this.now());
    await this.readModels.commit([{ checkpoint, fencedBy: this.listener.fencedBy }]);
    this.checkpoint = checkpoint;
  }

  /** Whether events collected since the last publish wait to be handed on. */
  get hasFresh(): boolean {
    return this.fresh.length > 0;
  }

  /** Notes the events of a chunk the listener has not had yet. */
  collect(events: readonly RecordedEvent[]): void {
    const at = this.checkpoint?.position;
    for (const event of events) if (!isAtOrBefore(event.position, at)) this.fresh.push(event);
  }

  /** A batch dropped before its commit: its events were not handed. */
  forget(): void {
    this.fresh = [];
  }

  /** Hands the batch's events to the listener once, then moves its checkpoint (in memory). */
  async publish(): Promise<void> {
    const fresh = this.fresh;
    this.fresh = [];
    const checkpoint = this.checkpoint;
    if (!checkpoint || fresh.length === 0) return;
    try {
      await this.listener.publish(fresh);
    } catch (error) {
      this.logger.error(`${this.listener.name} failed on a batch: ${describe(error)}`);
    }
    const next = {
      ...checkpoint,
      position: fresh[fresh.length - 1].position,
      updatedAt: this.now(),
    };
    next.eventsApplied += fresh.length;
    this.checkpoint = next;
    this.unsaved = next;
  }

  /** The write that stores the checkpoint moved since the last one stored, if any. */
  unsavedWrite(): ReadModelWrite | undefined {
    return this.unsaved && { checkpoint: this.unsaved, fencedBy: this.listener.fencedBy };
  }

  /** A commit stored `write` (an `unsavedWrite`): unless the checkpoint moved since, all is saved. */
  stored(write: ReadModelWrite): void {
    if (this.unsaved === write.checkpoint) this.unsaved = undefined;
  }
}
