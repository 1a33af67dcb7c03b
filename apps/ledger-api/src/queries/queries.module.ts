import { DynamicModule, Module } from '@nestjs/common';
import { MEASURED_PERIODS, MeasuredPeriodsReader } from '@app/ledger';
import {
  OwnershipFence,
  ProjectionsModule,
  ProjectionsOptions,
  ReadModelMeasuredPeriods,
} from '@app/projections';
import { LedgerConfig } from '@app/config';
import { AnalyticsController } from './analytics.controller';
import { CatalogController } from './catalog.controller';
import {
  ImprovementAnalyticsController,
  ImprovementRegisterController,
} from './improvement-register.controller';
import { OrganizationQueriesController } from './organization-queries.controller';
import { ProjectionsAdminController } from './projections-admin.controller';
import { openCheckpointSignal, openReadModels } from '@app/composition';
import { RelationshipQueriesController } from './relationship-queries.controller';

/**
 * The query and projection-admin routes over the read side (`ProjectionsModule`), and the read
 * side's answer to the command side's question of measured periods (global, so the LedgerModule
 * finds MEASURED_PERIODS: the improvement handler measures baselines and actuals through it).
 */
@Module({})
export class QueriesModule {
  /** `projectorLock`: held by this process while it runs the projections inline. */
  static forRoot(
    config: LedgerConfig,
    projectorLock?: { release(): void | Promise<void>; fence?: OwnershipFence },
    overrides: Partial<ProjectionsOptions> = {},
  ): DynamicModule {
    const options: ProjectionsOptions = {
      // Inline on shared read models: fenced by the projection locks this API holds.
      openReadModels: () => openReadModels(config, { fence: projectorLock?.fence }),
      batchSize: config.projectionBatchSize,
      minPositionTimeoutMs: config.minPositionTimeoutMs,
      breachStreak: config.breachStreak,
      // LEDGER_PROJECTIONS=off: a projector process runs them (npm run projector).
      mode: config.projections === 'off' ? 'reader' : 'inline',
      projectorLock,
      // Read models in PostgreSQL notify every commit: a reader waits without polling.
      checkpointSignal: () => openCheckpointSignal(config),
      ...overrides,
    };
    return {
      module: QueriesModule,
      imports: [ProjectionsModule.forRoot(options)],
      controllers: [
        CatalogController,
        RelationshipQueriesController,
        OrganizationQueriesController,
        AnalyticsController,
        ImprovementRegisterController,
        ImprovementAnalyticsController,
        ProjectionsAdminController,
      ],
      providers: [
        {
          provide: MEASURED_PERIODS,
          useFactory: (reader: ReadModelMeasuredPeriods): MeasuredPeriodsReader => reader,
          inject: [ReadModelMeasuredPeriods],
        },
      ],
      global: true,
      exports: [MEASURED_PERIODS],
    };
  }
}
