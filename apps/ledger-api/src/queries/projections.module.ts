import { join } from 'node:path';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  BreachStreakSaga,
  PROJECTION_QUERY_HANDLERS,
  ProjectionRuntime,
  PROJECTIONS_OPTIONS,
  ProjectionsOptions,
  ProposeImprovementForBreachStreakHandler,
  READ_MODEL_STORE,
  ReadModelMeasuredPeriods,
  SystemProposals,
} from '@app/projections';
import { LedgerConfig } from '@app/config';
import { CLOCK, MEASURED_PERIODS, systemClock } from '@app/ledger';
import { AnalyticsController } from './analytics.controller';
import { CatalogController } from './catalog.controller';
import {
  ImprovementAnalyticsController,
  ImprovementRegisterController,
} from './improvement-register.controller';
import { OrganizationQueriesController } from './organization-queries.controller';
import { ProjectionsAdminController } from './projections-admin.controller';
import { RelationshipQueriesController } from './relationship-queries.controller';

/** Read models in `<dataDir>/read-models.db` (disposable: deleting it rebuilds everything). */
export const READ_MODELS_FILE = 'read-models.db';

/**
 * Projections, their queries (QueryBus), the admin routes and the breach-streak saga. The
 * runner starts on application bootstrap and stops on shutdown, before the event store closes.
 */
@Module({})
export class ProjectionsModule {
  static forRoot(config: LedgerConfig, overrides: Partial<ProjectionsOptions> = {}): DynamicModule {
    const options: ProjectionsOptions = {
      readModelsFile: join(config.dataDir, READ_MODELS_FILE),
      batchSize: config.projectionBatchSize,
      minPositionTimeoutMs: config.minPositionTimeoutMs,
      breachStreak: config.breachStreak,
      ...overrides,
    };
    return {
      module: ProjectionsModule,
      imports: [CqrsModule.forRoot()],
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
        { provide: PROJECTIONS_OPTIONS, useValue: options },
        ProjectionRuntime,
        {
          provide: READ_MODEL_STORE,
          useFactory: (r: ProjectionRuntime) => r.readModels,
          inject: [ProjectionRuntime],
        },
        { provide: CLOCK, useValue: systemClock },
        // The improvement handler (command side) measures baselines and actuals through this.
        { provide: MEASURED_PERIODS, useClass: ReadModelMeasuredPeriods },
        SystemProposals,
        BreachStreakSaga,
        ProposeImprovementForBreachStreakHandler,
        ...PROJECTION_QUERY_HANDLERS,
      ],
      // Global so the command side's LedgerModule finds MEASURED_PERIODS (it is optional there).
      global: true,
      exports: [ProjectionRuntime, MEASURED_PERIODS],
    };
  }
}
