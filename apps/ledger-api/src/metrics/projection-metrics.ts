import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ProjectionReport, ProjectionRuntime } from '@app/projections';
import { MetricsRegistry } from './metrics.registry';

const STATES: ProjectionReport['status'][] = ['catching-up', 'live', 'retrying', 'failed'];

/**
 * Each projection's checkpoint, lag and state as gauges, read from the runtime's reports at
 * scrape time (nothing is kept in between). Absent when the API runs without projections.
 */
@Injectable()
export class ProjectionMetrics {
  constructor(
    private readonly registry: MetricsRegistry,
    private readonly moduleRef: ModuleRef,
  ) {}

  register(): void {
    const reports = async (): Promise<ProjectionReport[]> => {
      let runtime: ProjectionRuntime;
      try {
        runtime = this.moduleRef.get(ProjectionRuntime, { strict: false });
      } catch {
        return []; // this process runs no projections
      }
      return runtime.reports();
    };
    this.registry.registerGauge({
      name: 'ledger_projection_position',
      help: 'Global position up to which the projection has processed the log.',
      collect: async () =>
        (await reports()).map((r) => ({
          labels: { projection: r.name },
          value: r.checkpoint === null ? 0 : Number(r.checkpoint),
        })),
    });
    this.registry.registerGauge({
      name: 'ledger_projection_lag_events',
      help: 'Events the projection is behind the head of the log (absent while the store is unreachable).',
      collect: async () =>
        (await reports())
          .filter((r) => r.lag !== null)
          .map((r) => ({ labels: { projection: r.name }, value: Number(r.lag) })),
    });
    this.registry.registerGauge({
      name: 'ledger_projection_state',
      help: 'The projection state: 1 for the state it is in (catching-up, live, failed), 0 for the others.',
      collect: async () =>
        (await reports()).flatMap((r) =>
          STATES.map((state) => ({
            labels: { projection: r.name, state },
            value: r.status === state ? 1 : 0,
          })),
        ),
    });
  }
}
