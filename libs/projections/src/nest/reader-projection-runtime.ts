import {
  ConflictException,
  Inject,
  Injectable,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { allProjections } from '../projections/all-projections';
import { CheckpointWatcher } from '../projector/checkpoint-watcher';
import { READ_MODEL_STORE, ReadModelStore } from '../read-model/read-model-store';
import { ProjectionReport, RebuildProgress } from '../runner/projection-report';
import { ProjectionRuntime } from './projection-runtime';
import { PROJECTIONS_OPTIONS, ProjectionsOptions } from './projections-options';

/** While a `?minPosition=` wait is pending: how often the checkpoints are read. */
const WAIT_POLL_MS = 20;
/** With a NOTIFY to wake it, the poll is only a safety net. */
const SIGNALLED_WAIT_POLL_MS = 500;
/** Otherwise (new generations, reports). */
const IDLE_POLL_MS = 1_000;

/**
 * LEDGER_PROJECTIONS=off: a projector process runs the projections and the saga; this one
 * answers queries from the shared read models and waits on their checkpoints for
 * `?minPosition=` (woken by NOTIFY on PostgreSQL, polling them on the embedded store).
 */
@Injectable()
export class ReaderProjectionRuntime
  extends ProjectionRuntime
  implements OnApplicationBootstrap, OnModuleDestroy
{
  protected readonly minPositionTimeoutMs: number;
  private watcher: CheckpointWatcher | undefined;

  constructor(
    @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsOptions,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_STORE) readonly readModels: ReadModelStore,
  ) {
    super();
    this.minPositionTimeoutMs = options.minPositionTimeoutMs;
  }

  async onApplicationBootstrap(): Promise<void> {
    const signal = await this.options.checkpointSignal?.();
    this.watcher = new CheckpointWatcher({
      readModels: this.readModels,
      projections: this.options.projections ?? allProjections(this.options.breachStreak),
      signal,
      waitPollMs: signal ? SIGNALLED_WAIT_POLL_MS : WAIT_POLL_MS,
      idlePollMs: IDLE_POLL_MS,
    });
    await this.watcher.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.watcher?.stop();
    await this.readModels.close();
  }

  async reports(): Promise<ProjectionReport[]> {
    const head = await this.eventStore.headPosition().then(
      (position) => position,
      () => null,
    );
    // What the projector recorded of failures; unknown while the read models cannot be read.
    const statuses = await this.readModels.statuses().catch(() => []);
    return this.watcher?.reports(head, statuses) ?? [];
  }

  has(name: string): boolean {
    return this.watcher?.has(name) ?? false;
  }

  rebuild(name: string): RebuildProgress {
    throw new ConflictException(
      `projection ${name} runs in the projector process (LEDGER_PROJECTIONS=off here): rebuild it there (ledger rebuild with the projector stopped)`,
    );
  }

  processedPosition(): string | undefined {
    return this.watcher?.processedPosition();
  }

  protected waitFor(position: string, timeoutMs: number): Promise<boolean> {
    return this.watcher?.waitFor(position, timeoutMs) ?? Promise.resolve(false);
  }
}
