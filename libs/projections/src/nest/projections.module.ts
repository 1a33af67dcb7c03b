import { DynamicModule, Module, Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PROJECTION_QUERY_HANDLERS } from '../queries/query-handlers';
import { READ_MODEL_STORE } from '../read-model/read-model-store';
import { InlineProjectionRuntime } from './inline-projection-runtime';
import { ProjectionRuntime } from './projection-runtime';
import { ProjectorProjectionRuntime } from './projector-projection-runtime';
import { PROJECTIONS_OPTIONS, ProjectionsMode, ProjectionsOptions } from './projections-options';
import { ReaderProjectionRuntime } from './reader-projection-runtime';
import { ReadModelMeasuredPeriods } from './read-model-measured-periods';
import { SagaFeed } from './saga-feed';

const RUNTIMES: Record<ProjectionsMode, Type<ProjectionRuntime>> = {
  inline: InlineProjectionRuntime,
  reader: ReaderProjectionRuntime,
  projector: ProjectorProjectionRuntime,
};

/**
 * The read side as one Nest module: the projection runtime (runner and read models, or only
 * the read models when a projector runs them), the query handlers of the QueryBus and the
 * EventBus feed (the process managers that listen to it are another library's, imported by the
 * composition root where the projections run). An app adds its own routes.
 */
@Module({})
export class ProjectionsModule {
  static forRoot(options: ProjectionsOptions): DynamicModule {
    const mode = options.mode ?? 'inline';
    return {
      module: ProjectionsModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: PROJECTIONS_OPTIONS, useValue: options },
        { provide: READ_MODEL_STORE, useFactory: () => options.openReadModels() },
        { provide: ProjectionRuntime, useClass: RUNTIMES[mode] },
        ReadModelMeasuredPeriods,
        SagaFeed,
        ...PROJECTION_QUERY_HANDLERS,
      ],
      // Global so a composition root can hand ReadModelMeasuredPeriods to the command side.
      global: true,
      exports: [ProjectionRuntime, READ_MODEL_STORE, ReadModelMeasuredPeriods],
    };
  }
}
