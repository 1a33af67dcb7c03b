import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import { isPosition } from '../position';
import { allProjections } from '../projections/all-projections';
import { READ_MODEL_STORE, ReadModelStore } from '../read-model/read-model-store';
import { ProjectionReport, RebuildProgress } from '../runner/projection-report';
import { ProjectionRunner } from '../runner/projection-runner';
import { EVENT_BUS_REACTIONS, EventBusReactions } from './event-bus-reactions';
import { LedgerEventRecorded } from './ledger-event-recorded.event';
import { ProjectionsBehind } from './projections-behind.error';
import { PROJECTIONS_OPTIONS, ProjectionsOptions } from './projections-options';

/** Checkpoint of the EventBus feed (process managers): `$` keeps it apart from projection names. */
export const EVENT_BUS_CHECKPOINT = '$event-bus';
/** How long the boot-time recovery of cut-off reactions waits for the projections. */
const RECOVERY_WAIT_MS = 10 * 60_000;

/**
 * Owns the read-model store and the projection runner for the Nest app: starts them on
 * bootstrap, stops them on shutdown (before the event store closes), and feeds the
 * in-process EventBus from the same subscription, after each batch is committed.
 */
@Injectable()
export class ProjectionRuntime implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly runner: ProjectionRunner;
  private readonly logger = new Logger('Projections');
  private recovery: Promise<void> | undefined;

  constructor(
    @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsOptions,
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(READ_MODEL_STORE) readonly readModels: ReadModelStore,
    private readonly eventBus: EventBus,
    @Optional() @Inject(EVENT_BUS_REACTIONS) private readonly reactions?: EventBusReactions,
  ) {
    this.runner = new ProjectionRunner({
      eventStore,
      readModels: this.readModels,
      projections: options.projections ?? allProjections(options.breachStreak),
      batchSize: options.batchSize,
      logger: this.logger,
      listener: { name: EVENT_BUS_CHECKPOINT, publish: (events) => this.publish(events) },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
    this.recovery = this.recoverCutOffReactions();
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
    await this.recovery;
    await this.reactions?.settled();
    await this.readModels.close();
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

  /**
   * Read-your-writes: resolves once every projection has processed `minPosition`; after the
   * configured bound throws {@link ProjectionsBehind} (503).
   */
  async awaitPosition(minPosition: string | undefined): Promise<void> {
    if (minPosition === undefined) return;
    if (!isPosition(minPosition)) throw new RangeError(`not a position: ${minPosition}`);
    const timeout = this.options.minPositionTimeoutMs;
    if (await this.runner.waitFor(minPosition, timeout)) return;
    throw new ProjectionsBehind(minPosition, this.runner.processedPosition() ?? null, timeout);
  }

  private async publish(events: readonly RecordedEvent[]): Promise<void> {
    this.eventBus.publishAll(events.map((e) => new LedgerEventRecorded(e)));
    if (this.reactions === undefined) return;
    // Sagas start their commands within this turn; wait for them before the checkpoint moves.
    await new Promise((resolve) => setImmediate(resolve));
    await this.reactions.settled();
  }

  /**
   * A reaction cut off by a crash (its cause is fed, its command is not in the log) is offered
   * again once the projections have caught up with the EventBus feed, so the process managers
   * find it in the read models.
   */
  private async recoverCutOffReactions(): Promise<void> {
    if (this.reactions === undefined) return;
    const fed = (await this.readModels.checkpoint(EVENT_BUS_CHECKPOINT))?.position;
    if (fed === undefined) return;
    if (!(await this.runner.waitFor(fed, RECOVERY_WAIT_MS))) return;
    await this.reactions.recover(fed, this.readModels);
  }
}
