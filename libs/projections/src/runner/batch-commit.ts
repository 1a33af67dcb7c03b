import { RecordedEvent } from '@app/event-store';
import { ProjectionFenced } from '../projector/ownership-fence';
import { ReadModelStore, ReadModelWrite } from '../read-model/read-model-store';
import { dispatchByType } from './event-dispatch';
import { LiveSlots } from './live-slots';
import { isPassingWriteError } from './passing-write-error';
import { ProjectionStatusLog } from './projection-status-log';
import { describe, RunnerLogger } from './runner-logger';
import type { EventBusFeed } from './event-bus-feed';
import { WriteRetry } from './write-retry';

/**
 * A batch of the shared subscription: applied to every live projection in memory, chunk by
 * chunk, then committed with every moved checkpoint in ONE read-model transaction, so a crash
 * neither loses nor double-counts an event. A projection whose `apply` throws stops, reported;
 * the others go on.
 */
export class BatchCommit {
  constructor(
    private readonly slots: LiveSlots,
    private readonly readModels: ReadModelStore,
    private readonly retry: WriteRetry,
    private readonly logger: RunnerLogger,
    private readonly now: () => string,
    /** Called after each commit that moved a checkpoint (the position waiters). */
    private readonly onCommitted: () => void,
    private readonly status: ProjectionStatusLog,
    /** Its checkpoint rides with each commit (see EventBusFeed). */
    private readonly feed?: Pick<EventBusFeed, 'unsavedWrite' | 'stored'>,
  ) {}

  /** Applies ready events to every projection, in memory (committed by `commit`). */
  apply(events: readonly RecordedEvent[]): void {
    if (events.length === 0) return;
    const now = this.now();
    const slots = [...this.slots.all()];
    const handled = dispatchByType(slots, events);
    const through = events[events.length - 1].position;
    for (const [i, slot] of slots.entries()) {
      const hadFailed = slot.failure !== undefined;
      slot.applyHandled(handled[i], through, now);
      if (!hadFailed && slot.failure) {
        const f = slot.failure;
        this.logger.error(
          `projection ${slot.name} stopped at position ${f.position} (${f.type} ${f.eventId}): ${f.error}`,
        );
        this.status.failed(slot.name, f);
      }
    }
  }

  /**
   * One transaction: every projection's documents and moved checkpoint for this batch. A
   * passing failure (a full disk) is thrown for the loop to retry from the committed
   * checkpoints; any other stops the projections that had changes. While catching up
   * (`caughtUp` false) a projection that defers its commits may keep its changes in memory.
   */
  commit(last: RecordedEvent, caughtUp = true): Promise<void> {
    return this.slots.exclusively(() => this.commitMoved(last, caughtUp));
  }

  /**
   * Stores the EventBus feed's checkpoint on its own, if a batch left it unsaved: in turn with
   * the batch commits, so an older checkpoint never lands after a newer one.
   */
  saveFeed(): Promise<void> {
    return this.slots.exclusively(async () => {
      const feedWrite = this.feed?.unsavedWrite();
      if (!feedWrite) return;
      await this.readModels.commit([feedWrite]);
      this.feed!.stored(feedWrite);
    });
  }

  private async commitMoved(last: RecordedEvent, caughtUp: boolean): Promise<void> {
    const moved = [...this.slots.all()].filter(
      (slot) => slot.pending !== undefined && (caughtUp || !slot.defersCommit()),
    );
    if (moved.length === 0) return;
    const writes: ReadModelWrite[] = moved.map((slot) => ({
      writer: slot.writer,
      checkpoint: slot.pending,
    }));
    // The EventBus feed's checkpoint of the batches handed before this one (never this one's).
    const feedWrite = this.feed?.unsavedWrite();
    if (feedWrite) writes.push(feedWrite);
    try {
      await this.readModels.commit(writes);
    } catch (error) {
      // Nothing of the batch is stored: drop it in memory.
      for (const slot of moved) {
        slot.writer.discard();
        slot.pending = undefined;
      }
      if (isPassingWriteError(error)) throw error;
      for (const slot of moved) {
        slot.failure = {
          position: last.position,
          eventId: last.eventId,
          type: last.type,
          error: `read-model commit failed: ${describe(error)}`,
          at: this.now(),
        };
        // Fenced: another process owns the projection now, and runs it: not a failure of it.
        if (!(error instanceof ProjectionFenced)) this.status.failed(slot.name, slot.failure);
      }
      this.logger.error(`read-model commit failed: ${describe(error)}`);
      return;
    }
    for (const slot of moved) {
      slot.checkpoint = slot.pending!;
      slot.pending = undefined;
    }
    if (feedWrite) this.feed!.stored(feedWrite);
    this.retry.succeeded();
    this.onCommitted();
  }
}
