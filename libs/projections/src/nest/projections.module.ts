import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PROJECTION_QUERY_HANDLERS } from '../queries/query-handlers';
import { READ_MODEL_STORE } from '../read-model/read-model-store';
import { ProjectionRuntime } from './projection-runtime';
import { PROJECTIONS_OPTIONS, ProjectionsOptions } from './projections-options';
import { ReadModelMeasuredPeriods } from './read-model-measured-periods';

/**
 * The read side as one Nest module: the projection runtime (runner and read models), the query
 * handlers of the QueryBus and the EventBus feed (the process managers that listen to it are
 * another library's). The runner starts on application bootstrap and stops on shutdown, before
 * the event store closes. An app adds its own routes.
 */
@Module({})
export class ProjectionsModule {
  static forRoot(options: ProjectionsOptions): DynamicModule {
    return {
      module: ProjectionsModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: PROJECTIONS_OPTIONS, useValue: options },
        { provide: READ_MODEL_STORE, useFactory: () => options.openReadModels() },
        ProjectionRuntime,
        ReadModelMeasuredPeriods,
        ...PROJECTION_QUERY_HANDLERS,
      ],
      // Global so a composition root can hand ReadModelMeasuredPeriods to the command side.
      global: true,
      exports: [ProjectionRuntime, READ_MODEL_STORE, ReadModelMeasuredPeriods],
    };
  }
}
