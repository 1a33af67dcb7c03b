import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
  Provider,
} from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Clock, CLOCK, systemClock } from './clock';
import { AggregateSnapshots, DEFAULT_SNAPSHOT_EVERY } from './commands/aggregate-snapshots';
import { AggregateStateCache, DEFAULT_STATE_CACHE_BYTES } from './commands/aggregate-state-cache';
import { CommandPipeline } from './commands/command-pipeline';
import { ImprovementCommandHandler } from './commands/improvement.handler';
import { SubjectMeasurements } from './commands/subject-measurements';
import { OfferingCommandHandler } from './commands/offering.handler';
import { OrganizationCommandHandler } from './commands/organization.handler';
import { RelationshipCommandHandler } from './commands/relationship.handler';
import { IDEMPOTENCY_STORE, IdempotencyStore } from './idempotency/idempotency-store.port';
import {
  DEFAULT_IDEMPOTENCY_RETENTION_DAYS,
  IDEMPOTENCY_RETENTION_DAYS,
  IdempotencyPruner,
} from './idempotency/idempotency-pruner';
import { ID_SOURCE, randomIdSource } from './ids/id-source';

export interface LedgerModuleOptions {
  /** Opens the Idempotency-Key index (the app chooses where: a file, a shared database). */
  openIdempotencyStore: (now: () => string) => IdempotencyStore | Promise<IdempotencyStore>;
  /** Days an Idempotency-Key is kept (default 7). */
  idempotencyRetentionDays?: number;
  /** Approximate bytes of folded states kept in memory (0 turns the cache off). */
  stateCacheBytes?: number;
  /** Events between two snapshots of a long stream (0 turns snapshots off). */
  snapshotEvery?: number;
}

@Injectable()
class IdempotencyStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** Snapshots of long cached states when the app stops, before the event store closes. */
@Injectable()
class SnapshotsBeforeStop implements BeforeApplicationShutdown {
  constructor(private readonly pipeline: CommandPipeline) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.pipeline.writeSnapshotsBeforeStop();
  }
}

export const COMMAND_HANDLERS = [
  OrganizationCommandHandler,
  OfferingCommandHandler,
  RelationshipCommandHandler,
  ImprovementCommandHandler,
];

/**
 * The command side: one @nestjs/cqrs handler per aggregate, the command pipeline they share, the
 * clock, the id source and the idempotency index. Needs EVENT_STORE from a global module.
 */
@Module({})
export class LedgerModule {
  static forRoot(options: LedgerModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: CLOCK, useValue: systemClock },
      { provide: ID_SOURCE, useValue: randomIdSource },
      {
        provide: IDEMPOTENCY_STORE,
        useFactory: (clock: Clock) => options.openIdempotencyStore(() => clock.now().toISOString()),
        inject: [CLOCK],
      },
      {
        provide: IDEMPOTENCY_RETENTION_DAYS,
        useValue: options.idempotencyRetentionDays ?? DEFAULT_IDEMPOTENCY_RETENTION_DAYS,
      },
      IdempotencyPruner,
      {
        provide: AggregateStateCache,
        useFactory: () =>
          new AggregateStateCache(options.stateCacheBytes ?? DEFAULT_STATE_CACHE_BYTES),
      },
      {
        provide: AggregateSnapshots,
        inject: [EVENT_STORE, AggregateStateCache],
        useFactory: (store: EventStore, cache: AggregateStateCache) =>
          new AggregateSnapshots(store, options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY, cache),
      },
      {
        provide: CommandPipeline,
        inject: [EVENT_STORE, CLOCK, IDEMPOTENCY_STORE, AggregateStateCache, AggregateSnapshots],
        useFactory: (
          store: EventStore,
          clock: Clock,
          idempotency: IdempotencyStore,
          cache: AggregateStateCache,
          snapshots: AggregateSnapshots,
        ) => CommandPipeline.create({ store, clock, idempotency, cache, snapshots }),
      },
      IdempotencyStoreCloser,
      SnapshotsBeforeStop,
      SubjectMeasurements,
      ...COMMAND_HANDLERS,
    ];
    return {
      module: LedgerModule,
      imports: [CqrsModule.forRoot()],
      providers,
      exports: [
        CommandPipeline,
        AggregateStateCache,
        AggregateSnapshots,
        CLOCK,
        ID_SOURCE,
        IDEMPOTENCY_STORE,
        IdempotencyPruner,
      ],
    };
  }
}
