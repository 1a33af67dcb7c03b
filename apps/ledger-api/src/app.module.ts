import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CommandsModule } from './commands/commands.module';
import { LedgerConfig } from '@app/config';
import { EventStoreModule } from './event-store/event-store.module';
import { EventsModule } from './events/events.module';
import { HealthController } from './health/health.controller';
import { HealthModule } from './health/health.module';
import { ReadinessIndicators } from './health/readiness-indicators';
import { MetricsModule } from './metrics/metrics.module';
import { ProjectionsModule } from './queries/projections.module';

/** The ledger API: one store, the command side, projections and audit. */
@Module({})
export class AppModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EventStoreModule.forRoot(config),
        AuthModule,
        CommandsModule.forRoot(config),
        MetricsModule,
        HealthModule,
        AuditModule,
        ProjectionsModule.forRoot(config),
        EventsModule,
      ],
      controllers: [HealthController],
      providers: [ReadinessIndicators],
    };
  }
}
