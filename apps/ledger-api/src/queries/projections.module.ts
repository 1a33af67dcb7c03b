import { join } from 'node:path';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  AvailabilityBreachSaga,
  PROJECTION_QUERY_HANDLERS,
  ProjectionRuntime,
  PROJECTIONS_OPTIONS,
  ProjectionsOptions,
  ProposeImprovementForBreachStreakHandler,
  READ_MODEL_STORE,
  SystemProposals,
} from '@app/projections';
import { LedgerConfig } from '@app/config';
import { AnalyticsController } from './analytics.controller';
import { CatalogController } from './catalog.controller';
import { ImprovementRegisterController } from './improvement-register.controller';
import { OrganizationQueriesController } from './organization-queries.controller';
import { ProjectionsAdminController } from './projections-admin.controller';
import { RelationshipQueriesController } from './relationship-queries.controller';

/** Read models in `<dataDir>/read-models.db` (disposable: deleting it rebuilds everything). */
export const READ_MODELS_FILE = 'read-models.db';

/**
 * Projections, their queries (QueryBus), the admin routes and the availability saga. The
 * runner starts on application bootstrap and stops on shutdown, before the event store closes.
 */
@Module({})
export class ProjectionsModule {
  static forRoot(config: LedgerConfig, overrides: Partial<ProjectionsOptions> = {}): DynamicModule {
    const options: ProjectionsOptions = {
      readModelsFile: join(config.dataDir, READ_MODELS_FILE),
      batchSize: config.projectionBatchSize,
      minPositionTimeoutMs: config.minPositionTimeoutMs,
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
        SystemProposals,
        AvailabilityBreachSaga,
        ProposeImprovementForBreachStreakHandler,
        ...PROJECTION_QUERY_HANDLERS,
      ],
      exports: [ProjectionRuntime],
    };
  }
}
