import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Projection } from '../projection';
import { allProjections } from '../projections/all-projections';
import { CheckpointWatcher } from '../projector/checkpoint-watcher';
import { ProjectorSupervisor } from '../projector/projector-supervisor';
import { READ_MODEL_STORE, ReadModelStore } from '../read-model/read-model-store';
import { ProjectionReport, RebuildProgress } from '../runner/projection-report';
import { ProjectionRunner } from '../runner/projection-runner';
import { ProjectionRuntime } from './projection-runtime';
import { PROJECTIONS_OPTIONS, ProjectionsOptions } from './projections-options';
import { EVENT_BUS_RUNS_WITH, SagaFeed } from './saga-feed';

const DEFAULT_STANDBY_POLL_MS = 1_000;
const WAIT_POLL_MS = 20;
const IDLE_POLL_MS = 1_000;

/**
 * `apps/ledger-projector`: runs the projections this process owns (a lock each in the shared
 * database), stands by for the others, and runs the saga with the breach-streak projection
 * whose triggers it reacts to. Waits (the saga's commands measure from the read models) are
 * answered from the shared checkpoints, whoever owns each projection.
 */
@Injectable()
export class ProjectorProjectionRuntime
  extends ProjectionRuntime
  implements OnApplicationBootstrap, OnModuleDestroy
{
  protected readonly minPositionTimeoutMs: number;
  private readonly projections: readonly Projection[];
  private readonly logger = new Logger('Projector');
  private readonly watcher: CheckpointWatcher;
  private supervisor: ProjectorSupervisor | undefined;
  private recovery: Promise<void> | undefined;

  constructor(
    @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsOptions,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_STORE) readonly readModels: ReadModelStore,
    private readonly saga: SagaFeed,
  ) {
    super();
    this.minPositionTimeoutMs = options.minPositionTimeoutMs;
    this.projections = options.projections ?? allProjections(options.breachStreak);
    this.watcher = new CheckpointWatcher({
      readModels: this.readModels,
      projections: this.projections,
      waitPollMs: WAIT_POLL_MS,
      idlePollMs: IDLE_POLL_MS,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.ownership) throw new Error('the projector needs an ownership lock');
    const ownership = await this.options.ownership();
    this.supervisor = new ProjectorSupervisor({
      ownership,
      projections: this.projections,
      feedWith: EVENT_BUS_RUNS_WITH,
      standbyPollMs: this.options.standbyPollMs ?? DEFAULT_STANDBY_POLL_MS,
      logger: this.logger,
      createRunner: (owned, withFeed) => this.createRunner(owned, withFeed),
      onLost: () => {
        // Another projector may own these projections now: this process must not go on.
        this.logger.error('exiting: a supervisor restarts the projector as a standby');
        process.exitCode = 4;
        process.kill(process.pid, 'SIGTERM');
      },
    });
    await this.watcher.start();
    await this.supervisor.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.supervisor?.stop();
    await this.recovery;
    await this.saga.settled();
    await this.watcher.stop();
    await this.readModels.close();
  }

  /** The names of the projections this process owns now (the rest are another's). */
  owned(): ReadonlySet<string> {
    return this.supervisor?.ownedNames() ?? new Set();
  }

  async reports(): Promise<ProjectionReport[]> {
    const runner = this.supervisor?.current();
    const own = runner ? await runner.reports() : [];
    const head = await this.eventStore.headPosition().then(
      (position) => position,
      () => null,
    );
    const statuses = await this.readModels.statuses().catch(() => []);
    const others = this.watcher
      .reports(head, statuses)
      .filter((r) => !own.some((o) => o.name === r.name));
    return [...own, ...others];
  }

  has(name: string): boolean {
    return this.projections.some((p) => p.name === name);
  }

  rebuild(name: string): RebuildProgress {
    const runner = this.supervisor?.current();
    if (!runner?.has(name)) {
      throw new ConflictException(`projection ${name} is owned by another projector`);
    }
    return runner.rebuild(name);
  }

  processedPosition(): string | undefined {
    return this.watcher.processedPosition();
  }

  protected waitFor(position: string, timeoutMs: number): Promise<boolean> {
    return this.watcher.waitFor(position, timeoutMs);
  }

  private createRunner(owned: readonly Projection[], withFeed: boolean): ProjectionRunner {
    const runner = new ProjectionRunner({
      eventStore: this.eventStore,
      readModels: this.readModels,
      projections: owned,
      batchSize: this.options.batchSize,
      logger: this.logger,
      listener: withFeed ? this.saga.listener() : undefined,
      // Its own commits wake its own waiters at once (the saga's commands wait on them).
      onBatchCommitted: () => this.watcher.ownCommit(),
    });
    if (withFeed) {
      this.recovery = this.saga.recoverCutOffReactions(this.readModels, (position, timeout) =>
        this.watcher.waitFor(position, timeout),
      );
    }
    return runner;
  }
}
