import { DynamicModule, Module } from '@nestjs/common';
import { MEASURED_PERIODS, MeasuredPeriodsReader } from '@app/ledger';
import { ProjectionsModule, ProjectionsOptions, ReadModelMeasuredPeriods } from '@app/projections';
import { LedgerConfig } from '@app/config';
import { AnalyticsController } from './analytics.controller';
import { CatalogController } from './catalog.controller';
import {
  ImprovementAnalyticsController,
  ImprovementRegisterController,
} from './improvement-register.controller';
import { OrganizationQueriesController } from './organization-queries.controller';
import { ProjectionsAdminController } from './projections-admin.controller';
import { openReadModels } from './open-read-models';
import { RelationshipQueriesController } from './relationship-queries.controller';

export { READ_MODELS_FILE } from './open-read-models';

/**
 * The query and projection-admin routes over the read side (`ProjectionsModule`), and the read
 * side's answer to the command side's question of measured periods (global, so the LedgerModule
 * finds MEASURED_PERIODS: the improvement handler measures baselines and actuals through it).
 */
@Module({})
export class QueriesModule {
  static forRoot(config: LedgerConfig, overrides: Partial<ProjectionsOptions> = {}): DynamicModule {
    const options: ProjectionsOptions = {
      openReadModels: () => openReadModels(config),
      batchSize: config.projectionBatchSize,
      minPositionTimeoutMs: config.minPositionTimeoutMs,
      breachStreak: config.breachStreak,
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
