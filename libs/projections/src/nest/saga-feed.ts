import { Inject, Injectable, Optional } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { RecordedEvent } from '@app/event-store';
import { BreachStreaksProjection } from '../projections/breach-streaks.projection';
import { ReadModelStore } from '../read-model/read-model-store';
import { CommittedEventsListener } from '../runner/event-bus-feed';
import { EVENT_BUS_REACTIONS, EventBusReactions } from './event-bus-reactions';
import { LedgerEventRecorded } from './ledger-event-recorded.event';

/** Checkpoint of the EventBus feed (process managers): `$` keeps it apart from projection names. */
export const EVENT_BUS_CHECKPOINT = '$event-bus';
/**
 * The projection the feed goes with: the saga reacts to the breach streaks' triggers, so the
 * process that owns that projection runs the feed, and its owner token fences the feed's
 * checkpoint as it fences the projection's.
 */
export const EVENT_BUS_RUNS_WITH = BreachStreaksProjection.NAME;
/** How long the boot-time recovery of cut-off reactions waits for the projections. */
const RECOVERY_WAIT_MS = 10 * 60_000;

/**
 * The in-process EventBus fed from the store's subscription, after each batch is committed:
 * the process managers (another library's, through EVENT_BUS_REACTIONS) react there. Whichever
 * process runs the feed (the API inline, or the projector that owns the breach streaks) runs
 * them.
 */
@Injectable()
export class SagaFeed {
  constructor(
    private readonly eventBus: EventBus,
    @Optional() @Inject(EVENT_BUS_REACTIONS) private readonly reactions?: EventBusReactions,
  ) {}

  listener(): CommittedEventsListener {
    return {
      name: EVENT_BUS_CHECKPOINT,
      fencedBy: EVENT_BUS_RUNS_WITH,
      publish: (events) => this.publish(events),
    };
  }

  /** Resolves once the reactions started so far have finished. */
  async settled(): Promise<void> {
    await this.reactions?.settled();
  }

  /**
   * A reaction cut off by a crash (its cause is fed, its command is not in the log) is offered
   * again once the projections have caught up with the EventBus feed, so the process managers
   * find it in the read models.
   */
  async recoverCutOffReactions(
    readModels: ReadModelStore,
    waitFor: (position: string, timeoutMs: number) => Promise<boolean>,
  ): Promise<void> {
    if (this.reactions === undefined) return;
    const fed = (await readModels.checkpoint(EVENT_BUS_CHECKPOINT))?.position;
    if (fed === undefined) return;
    if (!(await waitFor(fed, RECOVERY_WAIT_MS))) return;
    await this.reactions.recover(fed, readModels);
  }

  private async publish(events: readonly RecordedEvent[]): Promise<void> {
    this.eventBus.publishAll(events.map((e) => new LedgerEventRecorded(e)));
    if (this.reactions === undefined) return;
    // Sagas start their commands within this turn; wait for them before the checkpoint moves.
    await new Promise((resolve) => setImmediate(resolve));
    await this.reactions.settled();
  }
}
