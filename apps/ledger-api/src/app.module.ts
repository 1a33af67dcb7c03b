import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CommandsModule } from './commands/commands.module';
import { LedgerConfig } from '@app/config';
import type { DataDirLock } from '@app/event-store/sqlite';
import { ProcessManagersModule } from '@app/process-managers';
import type { OwnershipFence } from '@app/projections';
import { EventStoreModule } from './event-store/event-store.module';
import { EventsModule } from './events/events.module';
import { WebModule } from './web/web.module';
import { HealthController } from './health/health.controller';
import { HealthModule } from './health/health.module';
import { ReadinessIndicators } from './health/readiness-indicators';
import { MetricsModule } from './metrics/metrics.module';
import { QueriesModule } from './queries/queries.module';

/** The ledger API: one store, the command side, projections and audit. */
@Module({})
export class AppModule {
  /** `dataDirLock`: the data dir, held by this process; given back when the store has closed. */
  /** `projectorLock`: the read models' writer lock, held while projections run inline. */
  static forRoot(
    config: LedgerConfig,
    dataDirLock?: DataDirLock,
    projectorLock?: { release(): void | Promise<void>; fence?: OwnershipFence },
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EventStoreModule.forRoot(config, dataDirLock),
        AuthModule,
        CommandsModule.forRoot(config),
        MetricsModule,
        HealthModule,
        AuditModule,
        QueriesModule.forRoot(config, projectorLock),
        // The breach-streak saga, fed by the projections' EventBus feed: where they run
        // (LEDGER_PROJECTIONS=off: in the projector, not here).
        ...(config.projections === 'on' ? [ProcessManagersModule] : []),
        EventsModule,
        WebModule,
      ],
      controllers: [HealthController],
      providers: [ReadinessIndicators],
    };
  }
}
