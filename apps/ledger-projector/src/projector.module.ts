import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { LEDGER_CONFIG, LedgerConfig } from '@app/config';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { LedgerModule, MEASURED_PERIODS, MeasuredPeriodsReader } from '@app/ledger';
import { ProcessManagersModule } from '@app/process-managers';
import { ProjectionsModule, ReadModelMeasuredPeriods } from '@app/projections';
import { openIdempotencyStore, openOwnedReadModels } from '@app/composition';
import { openProjectorStore } from './open-projector-store';

/** Closes the store last, after the projections and the saga have stopped. */
@Injectable()
class StoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

@Global()
@Module({})
class ProjectorStoreModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: ProjectorStoreModule,
      providers: [
        { provide: LEDGER_CONFIG, useValue: config },
        { provide: EVENT_STORE, useFactory: () => openProjectorStore(config) },
        StoreCloser,
      ],
      exports: [LEDGER_CONFIG, EVENT_STORE],
    };
  }
}

/**
 * The read side's answer to the command side's question of measured periods: the saga's
 * proposal measures its baseline through it. Global, so the LedgerModule finds it.
 */
@Global()
@Module({
  providers: [
    {
      provide: MEASURED_PERIODS,
      useFactory: (reader: ReadModelMeasuredPeriods): MeasuredPeriodsReader => reader,
      inject: [ReadModelMeasuredPeriods],
    },
  ],
  exports: [MEASURED_PERIODS],
})
class MeasuredPeriodsModule {}

/**
 * The projector process (`npm run projector`): the store's subscription, the projections it
 * owns and the saga, with no HTTP. The saga proposes improvements through the ordinary command
 * path, so the command side is here too.
 */
@Module({})
export class ProjectorModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    // The read models commit fenced by this projector's projection locks.
    const owned = openOwnedReadModels(config, 'ledger-projector');
    return {
      module: ProjectorModule,
      imports: [
        ProjectorStoreModule.forRoot(config),
        LedgerModule.forRoot({
          openIdempotencyStore: (now) => openIdempotencyStore(config, now),
          idempotencyRetentionDays: config.idempotencyRetentionDays,
          stateCacheBytes: config.stateCacheBytes,
          snapshotEvery: config.snapshotEvery,
        }),
        ProjectionsModule.forRoot({
          mode: 'projector',
          openReadModels: owned.readModels,
          batchSize: config.projectionBatchSize,
          minPositionTimeoutMs: config.minPositionTimeoutMs,
          breachStreak: config.breachStreak,
          ownership: owned.ownership,
          standbyPollMs: config.projectorStandbyPollMs,
        }),
        // The breach-streak saga, fed by the EventBus feed of the projector that owns the streaks.
        ProcessManagersModule,
        MeasuredPeriodsModule,
      ],
    };
  }
}
