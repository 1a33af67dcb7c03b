import { upcastEvent } from '@app/domain';
import { AllSubscription, EventStore, RecordedEvent } from '@app/event-store';
import { comparePositions } from '../position';
import { Projection } from '../projection';
import { ReadModelStore } from '../read-model/read-model-store';
import { BatchingReader } from './batching-reader';
import { LiveSlots } from './live-slots';
import { newCheckpoint } from './new-checkpoint';
import { RebuildProgress } from './projection-report';
import { ProjectionSlot } from './projection-slot';
import { withRetractedFacts } from './retracted-facts';
import { describe, RunnerLogger, yieldToEventLoop } from './runner-logger';

export interface RebuildAsideOptions {
  eventStore: EventStore;
  readModels: ReadModelStore;
  slots: LiveSlots;
  batchSize: number;
  logger: RunnerLogger;
  now: () => string;
  /** Called once a rebuilt generation is swapped in (the position waiters, its status). */
  onSwapped: (name: string) => void;
}

interface Rebuild {
  progress: RebuildProgress;
  /** Set once its generation is prepared (the store is async). */
  shadow?: ProjectionSlot;
  subscription?: AllSubscription;
  done: Promise<void>;
}

/**
 * Rebuilds a projection aside: a new generation from its own subscription, from the start of
 * the log, while queries keep reading the live one; swapped in atomically once caught up.
 */
export class RebuildAside {
  private readonly rebuilds = new Map<string, Rebuild>();
  private stopping = false;

  constructor(private readonly options: RebuildAsideOptions) {}

  progress(name: string): RebuildProgress | undefined {
    return this.rebuilds.get(name)?.progress;
  }

  /** Starts rebuilding `name`; a rebuild already running is returned as it is. */
  start(name: string): RebuildProgress {
    const { slots, logger, now } = this.options;
    const live = slots.get(name);
    if (!live) throw new Error(`unknown projection ${name}`);
    const running = this.rebuilds.get(name);
    if (running?.progress.status === 'running') return running.progress;
    const projection = live.projection;
    const generation = live.checkpoint.generation + 1;
    const progress: RebuildProgress = {
      status: 'running',
      generation,
      position: null,
      eventsApplied: 0,
      startedAt: now(),
      finishedAt: null,
      error: null,
    };
    const rebuild: Rebuild = { progress, done: Promise.resolve() };
    this.rebuilds.set(name, rebuild);
    rebuild.done = this.run(rebuild, projection);
    logger.log(`projection ${name}: rebuilding aside as generation ${generation}`);
    return progress;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const rebuild of this.rebuilds.values()) await rebuild.subscription?.close();
    await Promise.all([...this.rebuilds.values()].map((r) => r.done));
  }

  private async run(rebuild: Rebuild, projection: Projection): Promise<void> {
    const { eventStore, readModels, slots, batchSize, logger, now } = this.options;
    const { progress } = rebuild;
    const { name } = projection;
    let subscription: AllSubscription | undefined;
    try {
      const { generation } = progress;
      await readModels.drop(name, generation);
      await readModels.prepare(name, generation, projection.collections);
      const shadow = new ProjectionSlot(
        projection,
        newCheckpoint(name, projection.version, generation, undefined, now()),
        await readModels.writer(name, generation),
      );
      rebuild.shadow = shadow;
      if (this.stopping) return;
      subscription = eventStore.subscribeToAll({});
      rebuild.subscription = subscription;
      const reader = new BatchingReader(subscription[Symbol.asyncIterator]());
      let previous: RecordedEvent[] = [];
      for (;;) {
        if (this.stopping) return;
        const ready = await reader.ready(batchSize);
        if (ready === undefined || this.stopping) return;
        const batch = await withRetractedFacts(ready, eventStore, upcastEvent, previous);
        if (ready.length > 0) previous = ready;
        if (batch.length > 0) {
          shadow.apply(batch, now());
          if (shadow.failure) {
            throw new Error(
              `stopped at position ${shadow.failure.position} (${shadow.failure.type}): ${shadow.failure.error}`,
            );
          }
          const applied = shadow.pending;
          if (applied) {
            progress.position = applied.position ?? null;
            progress.eventsApplied = applied.eventsApplied;
          }
          // Committed rarely while catching up, as the live copies are (ProjectionSlot).
          if (reader.caughtUp || !shadow.defersCommit()) await this.commitShadow(shadow);
          await yieldToEventLoop();
          continue;
        }
        // Nothing more is ready: the copy is at the head of the log.
        await this.commitShadow(shadow);
        if (await slots.exclusively(() => this.trySwap(rebuild, shadow))) return;
        const live = slots.get(name)!;
        const behind =
          comparePositions(shadow.checkpoint.position ?? '0', live.checkpoint.position ?? '0') < 0;
        if (!behind && !(await reader.waitForNext())) return;
      }
    } catch (error) {
      progress.status = 'failed';
      progress.error = describe(error);
      progress.finishedAt = now();
      await readModels.drop(name, progress.generation).catch(() => undefined);
      logger.error(`projection ${name}: rebuild failed: ${progress.error}`);
    } finally {
      await subscription?.close();
    }
  }

  /** Stores what the copy applied since its last commit (documents only: it has no checkpoint row yet). */
  private async commitShadow(shadow: ProjectionSlot): Promise<void> {
    const checkpoint = shadow.pending;
    if (!checkpoint) return;
    await this.options.readModels.commit([{ writer: shadow.writer }]);
    shadow.checkpoint = checkpoint;
    shadow.pending = undefined;
  }

  /**
   * Swaps the rebuilt copy in when it has processed at least what the live copy has: one
   * transaction moves the checkpoint row (position and generation) to the new copy. The
   * shared subscription then skips for it whatever it already has.
   */
  private async trySwap(rebuild: Rebuild, shadow: ProjectionSlot): Promise<boolean> {
    const { readModels, slots, logger, now } = this.options;
    const { progress } = rebuild;
    const live = slots.get(shadow.name)!;
    const shadowAt = shadow.checkpoint.position ?? '0';
    const liveAt = live.checkpoint.position ?? '0';
    if (!live.failure && comparePositions(shadowAt, liveAt) < 0) return false;
    const checkpoint = { ...shadow.checkpoint, updatedAt: now() };
    await readModels.commit([{ checkpoint }]);
    shadow.checkpoint = checkpoint;
    slots.replace(shadow);
    await readModels.publishGeneration(shadow.name, checkpoint.generation);
    // The swap is done: an old copy that could not be dropped only takes space.
    await readModels.drop(shadow.name, live.checkpoint.generation).catch((error: unknown) => {
      logger.warn(`projection ${shadow.name}: old generation not dropped: ${describe(error)}`);
    });
    progress.status = 'completed';
    progress.finishedAt = now();
    logger.log(
      `projection ${shadow.name}: generation ${checkpoint.generation} swapped in at position ${shadowAt}`,
    );
    this.options.onSwapped(shadow.name);
    return true;
  }
}
