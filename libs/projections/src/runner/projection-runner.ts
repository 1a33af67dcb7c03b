import { EventStore, RecordedEvent } from '@app/event-store';
import { positionsBehind } from '../position';
import { Projection } from '../projection';
import { ReadModelStore } from '../read-model/read-model-store';
import { BatchCommit } from './batch-commit';
import { CommittedEventsListener, EventBusFeed } from './event-bus-feed';
import { LiveSlots, lowest } from './live-slots';
import { PositionWaiters } from './position-waiters';
import { ProjectionReport, RebuildProgress } from './projection-report';
import { ProjectionStatusLog } from './projection-status-log';
import { RebuildAside } from './rebuild-aside';
import { describe, RunnerLogger, SILENT } from './runner-logger';
import { BatchSink, SubscriptionLoop } from './subscription-loop';
import { WriteRetry } from './write-retry';

export type { CommittedEventsListener } from './event-bus-feed';

/** See ProjectionRunnerOptions.liveBatchIntervalMs. */
export const LIVE_BATCH_INTERVAL_MS = 10;
/** See ProjectionRunnerOptions.feedSaveMs. */
const FEED_SAVE_MS = 1_000;
export type { RunnerLogger } from './runner-logger';

export interface ProjectionRunnerOptions {
  eventStore: EventStore;
  readModels: ReadModelStore;
  projections: readonly Projection[];
  /**
   * Most events per batch while catching up (committed every few hundred batches:
   * ProjectionSlot). Default 500.
   */
  batchSize?: number;
  /**
   * Live (caught up), a batch starts at most every this many ms, so events committed in quick
   * succession share one read-model transaction; `?minPosition=` reads wait at most this much
   * longer. Default {@link LIVE_BATCH_INTERVAL_MS}; 0 commits every arrival on its own.
   */
  liveBatchIntervalMs?: number;
  listener?: CommittedEventsListener;
  /**
   * The listener's checkpoint rides with the next batch's commit; one left unsaved (no batch
   * followed) is stored on its own after this many ms (and at stop). Default 1,000.
   */
  feedSaveMs?: number;
  logger?: RunnerLogger;
  clock?: () => Date;
  /** Called after each committed batch of the shared subscription (tests watch progress). */
  onBatchCommitted?: (lastPosition: string) => void;
}

/**
 * Runs every projection from one subscription to the log, from the lowest checkpoint, and
 * puts its parts together: the subscription loop, the batch commit with its checkpoints, the
 * feed to the EventBus, the rebuilds aside and the position waiters of `?minPosition=`.
 */
export class ProjectionRunner {
  private readonly slots: LiveSlots;
  private readonly retry: WriteRetry;
  private readonly waiters: PositionWaiters;
  private readonly status: ProjectionStatusLog;
  private readonly batch: BatchCommit;
  private readonly feed: EventBusFeed | undefined;
  private readonly rebuilds: RebuildAside;
  private readonly loop: SubscriptionLoop;
  private readonly logger: RunnerLogger;
  private feedSave: NodeJS.Timeout | undefined;

  constructor(private readonly options: ProjectionRunnerOptions) {
    const { eventStore, readModels, listener } = options;
    const batchSize = options.batchSize ?? 500;
    const logger = options.logger ?? SILENT;
    this.logger = logger;
    const clock = options.clock ?? (() => new Date());
    const now = () => clock().toISOString();
    this.slots = new LiveSlots(readModels, logger, now);
    this.retry = new WriteRetry(logger, now);
    this.waiters = new PositionWaiters((position) => this.slots.reached(position));
    const notify = () => this.waiters.notify();
    this.status = new ProjectionStatusLog(readModels, logger, now);
    this.feed = listener && new EventBusFeed(listener, eventStore, readModels, logger, now);
    this.batch = new BatchCommit(
      this.slots,
      readModels,
      this.retry,
      logger,
      now,
      notify,
      this.status,
      this.feed,
    );
    this.rebuilds = new RebuildAside({
      eventStore,
      readModels,
      slots: this.slots,
      batchSize,
      logger,
      now,
      onSwapped: (name) => {
        this.status.running(name);
        notify();
      },
    });
    this.loop = new SubscriptionLoop({
      eventStore,
      sink: this.sink(),
      batchSize,
      liveIntervalMs: options.liveBatchIntervalMs ?? LIVE_BATCH_INTERVAL_MS,
      retry: this.retry,
      logger,
    });
  }

  /** Prepares every projection (rebuilding those whose version changed) and starts the loop. */
  async start(): Promise<void> {
    await this.slots.prepare(this.options.projections);
    // Whatever an earlier run recorded (a failure): this run applies from the checkpoints again.
    for (const slot of this.slots.all()) this.status.running(slot.name);
    await this.feed?.load();
    this.loop.start();
  }

  /** Stops every subscription and waits for the loops to end. */
  async stop(): Promise<void> {
    const rebuilds = this.rebuilds.stop();
    await this.loop.stop();
    clearTimeout(this.feedSave);
    await this.saveFeed();
    await rebuilds;
    await this.status.settled();
    this.waiters.cancelAll();
  }

  /** The lowest position every projection has processed (undefined before any). */
  processedPosition(): string | undefined {
    return this.slots.processedPosition();
  }

  /** Resolves true once every projection has processed `position`, false after `timeoutMs`. */
  waitFor(position: string, timeoutMs: number): Promise<boolean> {
    return this.waiters.waitFor(position, timeoutMs);
  }

  has(name: string): boolean {
    return this.slots.has(name);
  }

  async reports(): Promise<ProjectionReport[]> {
    // An unreachable store leaves the lag unknown; the rest is known here.
    const head = await this.options.eventStore.headPosition().then(
      (position) => ({ position }),
      () => undefined,
    );
    const retrying = this.retry.current;
    return [...this.slots.all()].map((slot) => {
      const checkpoint = slot.checkpoint.position;
      const lag = head ? positionsBehind(head.position, checkpoint) : null;
      return {
        name: slot.name,
        version: slot.projection.version,
        generation: slot.checkpoint.generation,
        status: slot.failure
          ? 'failed'
          : retrying
            ? 'retrying'
            : lag === '0'
              ? 'live'
              : 'catching-up',
        checkpoint: checkpoint ?? null,
        eventsApplied: slot.checkpoint.eventsApplied,
        lag,
        failure: slot.failure ?? null,
        retrying: slot.failure ? null : (retrying ?? null),
        rebuild: this.rebuilds.progress(slot.name) ?? null,
      };
    });
  }

  /**
   * Starts rebuilding `name` aside; queries keep reading the current copy until the new one has
   * caught up and is swapped in. A rebuild already running is returned as it is.
   */
  rebuild(name: string): RebuildProgress {
    return this.rebuilds.start(name);
  }

  /** Stores the EventBus feed's checkpoint within feedSaveMs if no batch commit takes it. */
  private scheduleFeedSave(): void {
    if (!this.feed || this.feedSave) return;
    this.feedSave = setTimeout(() => {
      this.feedSave = undefined;
      void this.saveFeed();
    }, this.options.feedSaveMs ?? FEED_SAVE_MS);
    this.feedSave.unref();
  }

  /** Unsaved after a failure: the next batch or save tries again (a restart hands it again). */
  private async saveFeed(): Promise<void> {
    await this.batch.saveFeed().catch((error: unknown) => {
      this.logger.error(`the EventBus feed's checkpoint was not stored: ${describe(error)}`);
    });
  }

  /** The shared subscription feeds the live projections, then the EventBus, batch by batch. */
  private sink(): BatchSink {
    const { slots, batch, feed } = this;
    return {
      beforeSubscribe: async () => {
        feed?.forget();
        await feed?.ensureStarted();
      },
      // From the lowest checkpoint of anyone it feeds.
      startPosition: () =>
        lowest(feed ? [...slots.runningPositions(), feed.position] : slots.runningPositions()),
      apply: (events: readonly RecordedEvent[]) => {
        batch.apply(events);
        feed?.collect(events);
      },
      endBatch: async (last: RecordedEvent, caughtUp: boolean) => {
        // Events for the EventBus wait for the commit of every projection they changed.
        await batch.commit(last, caughtUp || feed?.hasFresh === true);
        await feed?.publish();
        this.scheduleFeedSave();
        this.options.onBatchCommitted?.(last.position);
      },
      keep: (last: RecordedEvent) => batch.commit(last),
    };
  }
}
