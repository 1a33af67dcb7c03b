import { upcastEvent } from '@app/domain';
import { AllSubscription, EventStore, RecordedEvent } from '@app/event-store';
import { BatchingReader } from './batching-reader';
import { isPassingWriteError } from './passing-write-error';
import { withRetractedFacts } from './retracted-facts';
import { describe, RunnerLogger, yieldToEventLoop } from './runner-logger';
import { WriteRetry } from './write-retry';

/** What the loop feeds: applies chunks in memory, commits them a batch at a time. */
export interface BatchSink {
  /** Before each subscription (e.g. a new EventBus feed fixes its start at the head). */
  beforeSubscribe(): Promise<void>;
  /** Where the next subscription starts (undefined: the start of the log). */
  startPosition(): string | undefined;
  apply(events: readonly RecordedEvent[]): void;
  /**
   * The batch is complete: commit it (and whatever follows a commit). `caughtUp`: nothing more
   * was ready (a batch cut by the batch size while catching up may defer some commits).
   */
  endBatch(last: RecordedEvent, caughtUp: boolean): Promise<void>;
  /** Commits everything applied and not committed yet: on a stop, or caught up after deferring. */
  keep(last: RecordedEvent): Promise<void>;
}

export interface SubscriptionLoopOptions {
  eventStore: EventStore;
  sink: BatchSink;
  /** Most events per batch while catching up (committed every few hundred: ProjectionSlot). */
  batchSize: number;
  /** A live batch starts at most this often (see `follow`). */
  liveIntervalMs: number;
  retry: WriteRetry;
  logger: RunnerLogger;
}

/** The batch in progress of one `follow`. */
interface BatchProgress {
  /** When the batch in progress got its first events. */
  started: number;
  batched: number;
  /** The batch's last event, until it is ended. */
  last?: RecordedEvent;
  /** The last event applied, committed or not (a deferred commit outlives its batch). */
  applied?: RecordedEvent;
  /** The chunk before: most retracted facts are there when not in the chunk itself. */
  previous: RecordedEvent[];
}

/** Pause before resubscribing after the subscription itself failed (never a hot loop). */
const RESUBSCRIBE_DELAY_MS = 5_000;
/** Events applied at a time within a batch. */
const APPLY_CHUNK = 250;

/**
 * Follows the log from the sink's start position and cuts it into batches: as many events as
 * are ready, up to the batch size, so catching up commits large batches and a live event is
 * committed as soon as it arrives. A failed subscription or commit resubscribes from the
 * committed checkpoints after a pause (a backoff while the read models cannot be written).
 */
export class SubscriptionLoop {
  private subscription: AllSubscription | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private resubscribeTimer: NodeJS.Timeout | undefined;
  private wakeResubscribe: (() => void) | undefined;
  private wakePause: (() => void) | undefined;

  constructor(private readonly options: SubscriptionLoopOptions) {}

  /** Everything that needs the store happens in the loop, which retries: an unreachable store
   * at boot must not keep the API from starting. */
  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.resubscribeTimer) clearTimeout(this.resubscribeTimer);
    this.wakeResubscribe?.();
    this.wakePause?.();
    await this.subscription?.close();
    await this.loop;
  }

  /** Waits `ms`, or less if the loop is stopped meanwhile. */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakePause = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    const { retry, logger } = this.options;
    while (!this.stopping) {
      try {
        await this.follow();
      } catch (error) {
        if (this.stopping) break;
        if (isPassingWriteError(error)) retry.failed(error);
        const delay = retry.current ? retry.delayMs() : RESUBSCRIBE_DELAY_MS;
        const message = `projections: ${describe(error)}; trying again in ${delay} ms`;
        // A full disk is reported once at warn level, not once per try.
        if (!retry.current) logger.error(message);
        else if (retry.current.attempts === 1) logger.warn(message);
        await new Promise<void>((resolve) => {
          this.wakeResubscribe = resolve;
          this.resubscribeTimer = setTimeout(resolve, delay);
        });
      }
    }
  }

  /**
   * Catches up from the log a page at a time (no async step per event), then subscribes after
   * the last event applied: the subscription delivers the rest, live included, and the hand-over
   * neither skips nor repeats an event (its start is exclusive).
   */
  private async follow(): Promise<void> {
    const { eventStore, sink, batchSize } = this.options;
    await sink.beforeSubscribe();
    const start = sink.startPosition();
    // A batch (one transaction) is applied in chunks as they arrive, so events die young
    // instead of piling up in memory until the commit.
    const chunk = Math.min(APPLY_CHUNK, batchSize);
    const progress: BatchProgress = { started: 0, batched: 0, previous: [] };
    let subscription: AllSubscription | undefined;
    try {
      // Pages of a chunk: a page's events are decoded together and live until its last one is
      // applied; a page of 1,000 outlived the young generation's collections and was copied
      // into the old one (3 % more instructions for a whole rebuild; a read alone, no fewer).
      const pages = eventStore
        .readAllPages({ fromPosition: start, pageSize: chunk })
        [Symbol.asyncIterator]();
      for (;;) {
        // A failed read ends the pages: the subscription reads from there, with its own retries
        // (PostgreSQL's after a lost connection), and reports what keeps failing.
        const next = await pages.next().catch(() => undefined);
        if (next === undefined || next.done) break;
        const page = next.value;
        for (let i = 0; i < page.length && !this.stopping;) {
          const end = i + Math.min(chunk, batchSize - progress.batched);
          // The read boundary of every projection and saga: older schemas are upcast here.
          await this.feed(progress, page.slice(i, end).map(upcastEvent), false);
          i = end;
        }
        if (this.stopping) {
          await pages.return?.();
          return;
        }
      }
      subscription = eventStore.subscribeToAll({
        fromPosition: progress.applied?.position ?? start,
      });
      this.subscription = subscription;
      if (this.stopping) await subscription.close();
      const reader = new BatchingReader(subscription[Symbol.asyncIterator]());
      for (;;) {
        const ready = await reader.ready(Math.min(chunk, batchSize - progress.batched));
        if (ready === undefined || this.stopping) return;
        await this.feed(progress, ready, reader.caughtUp);
        if (ready.length === 0) {
          // Caught up: what a deferring projection still holds is committed before waiting.
          if (progress.applied) await sink.keep(progress.applied);
          if (!(await reader.waitForNext())) return;
        }
      }
    } finally {
      if (progress.applied) await sink.keep(progress.applied);
      await subscription?.close();
    }
  }

  /**
   * Applies a chunk (its retractions carrying their facts) and ends the batch when it is full
   * or nothing more was ready (`caughtUp`).
   */
  private async feed(
    progress: BatchProgress,
    ready: RecordedEvent[],
    caughtUp: boolean,
  ): Promise<void> {
    const { eventStore, sink, batchSize } = this.options;
    const events = await withRetractedFacts(ready, eventStore, upcastEvent, progress.previous);
    if (ready.length > 0) progress.previous = ready;
    if (events.length > 0) {
      if (progress.batched === 0) progress.started = performance.now();
      sink.apply(events);
      progress.batched += events.length;
      progress.last = events[events.length - 1];
      progress.applied = progress.last;
    }
    if (progress.last && (caughtUp || progress.batched >= batchSize)) {
      const ended = progress.last;
      progress.last = undefined;
      progress.batched = 0;
      await sink.endBatch(ended, caughtUp);
      // Live, every batch costs a transaction with every checkpoint, however few events it
      // holds: events arriving within liveIntervalMs of a batch's start wait for the next
      // one, so under load they share it. The first event after a quiet spell waits for
      // nothing; none waits longer than the interval.
      const rest = caughtUp
        ? progress.started + this.options.liveIntervalMs - performance.now()
        : 0;
      await (rest > 0 ? this.pause(rest) : yieldToEventLoop());
    }
  }
}
