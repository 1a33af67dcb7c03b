import { AllSubscription, EventStore, RecordedEvent } from '@app/event-store';
import { comparePositions, isAtOrBefore, positionsBehind } from '../position';
import { Projection } from '../projection';
import {
  ProjectionCheckpoint,
  ReadModelStore,
  ReadModelWrite,
} from '../read-model/read-model-store';
import { upcastEvent } from '@app/domain';
import { BatchingReader } from './batching-reader';
import { withRetractedFacts } from './retracted-facts';
import { ProjectionReport, ProjectionRetry, RebuildProgress } from './projection-report';
import { isPassingWriteError } from './passing-write-error';
import { ProjectionSlot } from './projection-slot';

/** Receives each committed batch after the read models, e.g. to feed the in-process EventBus. */
export interface CommittedEventsListener {
  /** Checkpoint name (starts with `$` so it never clashes with a projection). */
  readonly name: string;
  /** Resolves once the events are handled; only then does the listener's checkpoint move. */
  publish(events: readonly RecordedEvent[]): Promise<void>;
}

export interface RunnerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ProjectionRunnerOptions {
  eventStore: EventStore;
  readModels: ReadModelStore;
  projections: readonly Projection[];
  /** Most events per transaction while catching up. Default 500. */
  batchSize?: number;
  listener?: CommittedEventsListener;
  logger?: RunnerLogger;
  clock?: () => Date;
  /** Called after each committed batch of the shared subscription (tests watch progress). */
  onBatchCommitted?: (lastPosition: string) => void;
}

const SILENT: RunnerLogger = { log: () => {}, warn: () => {}, error: () => {} };
/** Pause before resubscribing after the subscription itself failed (never a hot loop). */
const RESUBSCRIBE_DELAY_MS = 5_000;
/** First pause before a read-model commit that failed for a passing reason is tried again. */
const RETRY_FIRST_DELAY_MS = 100;
/** Longest pause between two tries (the delay doubles up to it). */
const RETRY_MAX_DELAY_MS = 5_000;
/** Events applied at a time within a batch. */
const APPLY_CHUNK = 250;

interface Rebuild {
  progress: RebuildProgress;
  shadow: ProjectionSlot;
  subscription?: AllSubscription;
  done: Promise<void>;
}

interface Waiter {
  position: string;
  resolve: (reached: boolean) => void;
  timer: NodeJS.Timeout;
}

/**
 * Runs every projection from one subscription to the log, from the lowest checkpoint. Each
 * batch is applied in memory and committed with every moved checkpoint in ONE read-model
 * transaction, so a crash neither loses nor double-counts an event. A projection whose
 * `apply` throws is stopped and reported; the others and the API go on. A rebuild builds a
 * new generation aside from its own subscription and swaps it in atomically once caught up.
 */
export class ProjectionRunner {
  private readonly slots = new Map<string, ProjectionSlot>();
  private readonly rebuilds = new Map<string, Rebuild>();
  private readonly waiters = new Set<Waiter>();
  private readonly batchSize: number;
  private readonly logger: RunnerLogger;
  private readonly clock: () => Date;
  private listenerCheckpoint: ProjectionCheckpoint | undefined;
  private subscription: AllSubscription | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;
  /** Set while the read models cannot be written for a passing reason (see commitBatch). */
  private retrying: ProjectionRetry | undefined;
  private resubscribeTimer: NodeJS.Timeout | undefined;
  private wakeResubscribe: (() => void) | undefined;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.logger = options.logger ?? SILENT;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Prepares every projection (rebuilding those whose version changed) and starts the loop. */
  async start(): Promise<void> {
    const { readModels, projections } = this.options;
    for (const projection of projections) {
      const slot = this.prepare(projection, readModels.checkpoint(projection.name));
      this.slots.set(projection.name, slot);
    }
    if (this.options.listener) {
      this.listenerCheckpoint = readModels.checkpoint(this.options.listener.name);
    }
    // Everything that needs the store happens in the loop, which retries: an unreachable
    // store at boot must not keep the API from starting.
    this.loop = this.run();
  }

  /** Stops every subscription and waits for the loops to end. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.resubscribeTimer) clearTimeout(this.resubscribeTimer);
    this.wakeResubscribe?.();
    await this.subscription?.close();
    for (const rebuild of this.rebuilds.values()) await rebuild.subscription?.close();
    await this.loop;
    await Promise.all([...this.rebuilds.values()].map((r) => r.done));
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(false);
    }
    this.waiters.clear();
  }

  /** The lowest position every projection has processed (undefined before any). */
  processedPosition(): string | undefined {
    let lowest: string | undefined;
    let first = true;
    for (const slot of this.slots.values()) {
      const position = slot.checkpoint.position;
      if (position === undefined) return undefined;
      if (first || comparePositions(position, lowest!) < 0) lowest = position;
      first = false;
    }
    return lowest;
  }

  /** Resolves true once every projection has processed `position`, false after `timeoutMs`. */
  waitFor(position: string, timeoutMs: number): Promise<boolean> {
    if (this.reached(position)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          resolve(false);
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
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
    return [...this.slots.values()].map((slot) => {
      const checkpoint = slot.checkpoint.position;
      const lag = head ? positionsBehind(head.position, checkpoint) : null;
      return {
        name: slot.name,
        version: slot.projection.version,
        generation: slot.checkpoint.generation,
        status: slot.failure
          ? 'failed'
          : this.retrying
            ? 'retrying'
            : lag === '0'
              ? 'live'
              : 'catching-up',
        checkpoint: checkpoint ?? null,
        eventsApplied: slot.checkpoint.eventsApplied,
        lag,
        failure: slot.failure ?? null,
        retrying: slot.failure ? null : (this.retrying ?? null),
        rebuild: this.rebuilds.get(slot.name)?.progress ?? null,
      };
    });
  }

  /**
   * Starts rebuilding `name` aside; queries keep reading the current copy until the new one has
   * caught up and is swapped in. A rebuild already running is returned as it is.
   */
  rebuild(name: string): RebuildProgress {
    const live = this.slots.get(name);
    if (!live) throw new Error(`unknown projection ${name}`);
    const running = this.rebuilds.get(name);
    if (running?.progress.status === 'running') return running.progress;
    const { readModels } = this.options;
    const projection = live.projection;
    const generation = live.checkpoint.generation + 1;
    readModels.drop(name, generation);
    readModels.prepare(name, generation, projection.collections);
    const shadow = new ProjectionSlot(
      projection,
      this.newCheckpoint(name, projection.version, generation, undefined),
      readModels.writer(name, generation),
    );
    const progress: RebuildProgress = {
      status: 'running',
      generation,
      position: null,
      eventsApplied: 0,
      startedAt: this.now(),
      finishedAt: null,
      error: null,
    };
    const rebuild: Rebuild = { progress, shadow, done: Promise.resolve() };
    this.rebuilds.set(name, rebuild);
    rebuild.done = this.runRebuild(rebuild);
    this.logger.log(`projection ${name}: rebuilding aside as generation ${generation}`);
    return progress;
  }

  // ---------------------------------------------------------------------------------------

  private prepare(
    projection: Projection,
    stored: ProjectionCheckpoint | undefined,
  ): ProjectionSlot {
    const { readModels } = this.options;
    let checkpoint = stored;
    if (!checkpoint || checkpoint.version !== projection.version) {
      const generation = checkpoint ? checkpoint.generation + 1 : 1;
      if (checkpoint) {
        this.logger.log(
          `projection ${projection.name}: version ${checkpoint.version} → ${projection.version}, rebuilding from the start`,
        );
        readModels.drop(projection.name, checkpoint.generation);
      }
      readModels.drop(projection.name, generation);
      checkpoint = this.newCheckpoint(projection.name, projection.version, generation, undefined);
      readModels.prepare(projection.name, generation, projection.collections);
      readModels.commit([{ checkpoint }]);
    } else {
      // A rebuild interrupted by a restart left its generation behind: it is of no use now.
      readModels.drop(projection.name, checkpoint.generation + 1);
      readModels.prepare(projection.name, checkpoint.generation, projection.collections);
    }
    readModels.publishGeneration(projection.name, checkpoint.generation);
    return new ProjectionSlot(
      projection,
      checkpoint,
      readModels.writer(projection.name, checkpoint.generation),
    );
  }

  private newCheckpoint(
    name: string,
    version: number,
    generation: number,
    position: string | undefined,
  ): ProjectionCheckpoint {
    return { name, version, generation, position, eventsApplied: 0, updatedAt: this.now() };
  }

  private now(): string {
    return this.clock().toISOString();
  }

  /** Where the shared subscription starts: the lowest checkpoint of anyone it feeds. */
  private startPosition(): string | undefined {
    const positions = [...this.slots.values()]
      .filter((s) => !s.failure)
      .map((s) => s.checkpoint.position);
    if (this.listenerCheckpoint) positions.push(this.listenerCheckpoint.position);
    let lowest: string | undefined;
    for (const [i, position] of positions.entries()) {
      if (position === undefined) return undefined;
      if (i === 0 || comparePositions(position, lowest!) < 0) lowest = position;
    }
    return lowest;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.follow();
      } catch (error) {
        if (this.stopping) break;
        if (isPassingWriteError(error)) {
          this.retrying = {
            reason: `the read models cannot be written: ${describe(error)}`,
            attempts: (this.retrying?.attempts ?? 0) + 1,
            since: this.retrying?.since ?? this.now(),
          };
        }
        const delay = this.retrying
          ? Math.min(RETRY_MAX_DELAY_MS, RETRY_FIRST_DELAY_MS * 2 ** (this.retrying.attempts - 1))
          : RESUBSCRIBE_DELAY_MS;
        const message = `projections: ${describe(error)}; trying again in ${delay} ms`;
        // A full disk is reported once at warn level, not once per try.
        if (!this.retrying) this.logger.error(message);
        else if (this.retrying.attempts === 1) this.logger.warn(message);
        await new Promise<void>((resolve) => {
          this.wakeResubscribe = resolve;
          this.resubscribeTimer = setTimeout(resolve, delay);
        });
      }
    }
  }

  private async follow(): Promise<void> {
    const listener = this.options.listener;
    if (listener && !this.listenerCheckpoint) {
      // A new listener starts at the head: history is not news (sagas recover on their own).
      const head = await this.options.eventStore.headPosition();
      const checkpoint = this.newCheckpoint(listener.name, 1, 0, head);
      this.options.readModels.commit([{ checkpoint }]);
      this.listenerCheckpoint = checkpoint;
    }
    const subscription = this.options.eventStore.subscribeToAll({
      fromPosition: this.startPosition(),
    });
    this.subscription = subscription;
    if (this.stopping) await subscription.close();
    const reader = new BatchingReader(subscription[Symbol.asyncIterator]());
    // A batch (one transaction) is applied in chunks as they arrive, so events die young
    // instead of piling up in memory until the commit.
    const chunk = Math.min(APPLY_CHUNK, this.batchSize);
    let batched = 0;
    let last: RecordedEvent | undefined;
    let fresh: RecordedEvent[] = [];
    try {
      for (;;) {
        const ready = await reader.ready(Math.min(chunk, this.batchSize - batched));
        if (ready === undefined || this.stopping) return;
        const events = await withRetractedFacts(ready, this.options.eventStore, upcastEvent);
        if (events.length > 0) {
          this.applyChunk(events);
          batched += events.length;
          last = events[events.length - 1];
          if (this.options.listener) fresh = fresh.concat(this.freshForListener(events));
        }
        if (last && (reader.caughtUp || batched >= this.batchSize)) {
          this.commitBatch(last);
          await this.publish(fresh);
          this.options.onBatchCommitted?.(last.position);
          batched = 0;
          last = undefined;
          fresh = [];
          // Ready events resolve in microtasks only: let HTTP and timers run between batches.
          await yieldToEventLoop();
        }
        if (events.length === 0 && !(await reader.waitForNext())) return;
      }
    } finally {
      // Stopping between chunks: keep what was applied (the checkpoint says how far).
      if (last) this.commitBatch(last);
      await subscription.close();
    }
  }

  /** Applies ready events to every projection, in memory (committed by `commitBatch`). */
  private applyChunk(events: readonly RecordedEvent[]): void {
    const now = this.now();
    for (const slot of this.slots.values()) {
      const hadFailed = slot.failure !== undefined;
      slot.apply(events, now);
      if (!hadFailed && slot.failure) {
        const f = slot.failure;
        this.logger.error(
          `projection ${slot.name} stopped at position ${f.position} (${f.type} ${f.eventId}): ${f.error}`,
        );
      }
    }
  }

  /** One transaction: every projection's documents and moved checkpoint for this batch. */
  private commitBatch(last: RecordedEvent): void {
    const moved = [...this.slots.values()].filter((slot) => slot.pending !== undefined);
    if (moved.length === 0) return;
    const writes: ReadModelWrite[] = moved.map((slot) => ({
      writer: slot.writer,
      checkpoint: slot.pending,
    }));
    try {
      this.options.readModels.commit(writes);
    } catch (error) {
      if (isPassingWriteError(error)) {
        // Nothing of the batch is stored, and nothing is wrong with it: drop it in memory and
        // let the run loop resubscribe from the committed checkpoints after a backoff (it
        // reports the projections as retrying meanwhile).
        for (const slot of moved) {
          slot.writer.discard();
          slot.pending = undefined;
        }
        throw error;
      }
      // Nothing of the batch is stored; every projection that had changes stops, reported.
      for (const slot of moved) {
        slot.writer.discard();
        slot.pending = undefined;
        slot.failure = {
          position: last.position,
          eventId: last.eventId,
          type: last.type,
          error: `read-model commit failed: ${describe(error)}`,
          at: this.now(),
        };
      }
      this.logger.error(`read-model commit failed: ${describe(error)}`);
      return;
    }
    for (const slot of moved) {
      slot.checkpoint = slot.pending!;
      slot.pending = undefined;
    }
    if (this.retrying) {
      this.logger.log(
        `projections: read models written again after ${this.retrying.attempts} tries`,
      );
      this.retrying = undefined;
    }
    this.notifyWaiters();
  }

  private freshForListener(events: readonly RecordedEvent[]): RecordedEvent[] {
    const at = this.listenerCheckpoint?.position;
    return events.filter((e) => !isAtOrBefore(e.position, at));
  }

  /** Hands the committed events to the listener (the EventBus) once, then moves its checkpoint. */
  private async publish(fresh: readonly RecordedEvent[]): Promise<void> {
    const listener = this.options.listener;
    const checkpoint = this.listenerCheckpoint;
    if (!listener || !checkpoint || fresh.length === 0) return;
    try {
      await listener.publish(fresh);
    } catch (error) {
      this.logger.error(`${listener.name} failed on a batch: ${describe(error)}`);
    }
    const next = {
      ...checkpoint,
      position: fresh[fresh.length - 1].position,
      updatedAt: this.now(),
    };
    next.eventsApplied += fresh.length;
    this.options.readModels.commit([{ checkpoint: next }]);
    this.listenerCheckpoint = next;
  }

  private async runRebuild(rebuild: Rebuild): Promise<void> {
    const { shadow, progress } = rebuild;
    const name = shadow.name;
    const subscription = this.options.eventStore.subscribeToAll({});
    rebuild.subscription = subscription;
    const reader = new BatchingReader(subscription[Symbol.asyncIterator]());
    try {
      for (;;) {
        if (this.stopping) return;
        const ready = await reader.ready(this.batchSize);
        if (ready === undefined || this.stopping) return;
        const batch = await withRetractedFacts(ready, this.options.eventStore, upcastEvent);
        if (batch.length > 0) {
          const checkpoint = shadow.apply(batch, this.now());
          shadow.pending = undefined;
          if (shadow.failure) {
            throw new Error(
              `stopped at position ${shadow.failure.position} (${shadow.failure.type}): ${shadow.failure.error}`,
            );
          }
          if (checkpoint) {
            this.options.readModels.commit([{ writer: shadow.writer }]);
            shadow.checkpoint = checkpoint;
            progress.position = checkpoint.position ?? null;
            progress.eventsApplied = checkpoint.eventsApplied;
          }
          await yieldToEventLoop();
          continue;
        }
        // Nothing more is ready: the copy is at the head of the log.
        if (this.trySwap(rebuild)) return;
        const live = this.slots.get(name)!;
        const behind =
          comparePositions(shadow.checkpoint.position ?? '0', live.checkpoint.position ?? '0') < 0;
        if (!behind && !(await reader.waitForNext())) return;
      }
    } catch (error) {
      progress.status = 'failed';
      progress.error = describe(error);
      progress.finishedAt = this.now();
      this.options.readModels.drop(name, progress.generation);
      this.logger.error(`projection ${name}: rebuild failed: ${progress.error}`);
    } finally {
      await subscription.close();
    }
  }

  /**
   * Swaps the rebuilt copy in when it has processed at least what the live copy has: one
   * transaction moves the checkpoint row (position and generation) to the new copy. The
   * shared subscription then skips for it whatever it already has.
   */
  private trySwap(rebuild: Rebuild): boolean {
    const { shadow, progress } = rebuild;
    const live = this.slots.get(shadow.name)!;
    const shadowAt = shadow.checkpoint.position ?? '0';
    const liveAt = live.checkpoint.position ?? '0';
    if (!live.failure && comparePositions(shadowAt, liveAt) < 0) return false;
    const checkpoint = { ...shadow.checkpoint, updatedAt: this.now() };
    this.options.readModels.commit([{ checkpoint }]);
    shadow.checkpoint = checkpoint;
    this.options.readModels.publishGeneration(shadow.name, checkpoint.generation);
    this.slots.set(shadow.name, shadow);
    this.options.readModels.drop(shadow.name, live.checkpoint.generation);
    progress.status = 'completed';
    progress.finishedAt = this.now();
    this.logger.log(
      `projection ${shadow.name}: generation ${checkpoint.generation} swapped in at position ${shadowAt}`,
    );
    this.notifyWaiters();
    return true;
  }

  private reached(position: string): boolean {
    for (const slot of this.slots.values()) {
      if (!isAtOrBefore(position, slot.checkpoint.position)) return false;
    }
    return true;
  }

  private notifyWaiters(): void {
    for (const waiter of this.waiters) {
      if (!this.reached(waiter.position)) continue;
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.resolve(true);
    }
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
