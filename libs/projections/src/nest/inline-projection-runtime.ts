import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { allProjections } from '../projections/all-projections';
import { READ_MODEL_STORE, ReadModelStore } from '../read-model/read-model-store';
import { ProjectionReport, RebuildProgress } from '../runner/projection-report';
import { ProjectionRunner } from '../runner/projection-runner';
import { ProjectionRuntime } from './projection-runtime';
import { PROJECTIONS_OPTIONS, ProjectionsOptions } from './projections-options';
import { SagaFeed } from './saga-feed';

/**
 * The embedded default: this process runs every projection and the saga. Starts the runner on
 * bootstrap, stops it on shutdown (before the event store closes), and feeds the in-process
 * EventBus from the same subscription, after each batch is committed.
 */
@Injectable()
export class InlineProjectionRuntime
  extends ProjectionRuntime
  implements OnApplicationBootstrap, OnModuleDestroy
{
  protected readonly minPositionTimeoutMs: number;
  private readonly runner: ProjectionRunner;
  private readonly logger = new Logger('Projections');
  private recovery: Promise<void> | undefined;

  constructor(
    @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsOptions,
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(READ_MODEL_STORE) readonly readModels: ReadModelStore,
    private readonly saga: SagaFeed,
  ) {
    super();
    this.minPositionTimeoutMs = options.minPositionTimeoutMs;
    this.runner = new ProjectionRunner({
      eventStore,
      readModels: this.readModels,
      projections: options.projections ?? allProjections(options.breachStreak),
      batchSize: options.batchSize,
      logger: this.logger,
      listener: saga.listener(),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
    this.recovery = this.saga.recoverCutOffReactions(this.readModels, (position, timeout) =>
      this.runner.waitFor(position, timeout),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
    await this.recovery;
    await this.saga.settled();
    await this.readModels.close();
    await this.options.projectorLock?.release();
  }

  reports(): Promise<ProjectionReport[]> {
    return this.runner.reports();
  }

  has(name: string): boolean {
    return this.runner.has(name);
  }

  rebuild(name: string): RebuildProgress {
    return this.runner.rebuild(name);
  }

  processedPosition(): string | undefined {
    return this.runner.processedPosition();
  }

  protected waitFor(position: string, timeoutMs: number): Promise<boolean> {
    return this.runner.waitFor(position, timeoutMs);
  }
}
