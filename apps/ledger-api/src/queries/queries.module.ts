import { DynamicModule, Module } from '@nestjs/common';
import { ProjectionsModule, ProjectionsOptions } from '@app/projections';
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

/** The query and projection-admin routes over the read side (`ProjectionsModule`). */
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
    };
  }
}
