import { Global, Inject, Module, OnModuleInit, Optional } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { EventStreams } from '../events/event-streams';
import type { FastifyInstance } from 'fastify';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { CommandObserver } from '../observability/command-observer';
import { requestContextOf } from '../observability/request-context';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics.registry';
import { ProjectionMetrics } from './projection-metrics';

/** What a command's answer status says about it, as a label. */
export function commandOutcome(status: number): string {
  if (status < 300) return 'accepted';
  if (status === 409) return 'rejected';
  if (status === 412) return 'conflict';
  if (status < 500) return 'refused';
  return 'failed';
}

/**
 * Prometheus metrics at GET /metrics. Other modules inject MetricsRegistry to add gauges
 * (the event-stream clients, a state cache).
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsRegistry, CommandObserver, ProjectionMetrics],
  exports: [MetricsRegistry],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly registry: MetricsRegistry,
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() private readonly projections?: ProjectionMetrics,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // The route pattern (not the URL) keeps the label set small: ids never become labels.
    fastify.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      this.registry.observeRequest(
        request.method,
        route,
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
      const command = requestContextOf(request)?.command;
      if (command !== undefined) {
        this.registry.observeCommand(command, commandOutcome(reply.statusCode));
      }
    });
    this.registry.registerGauge({
      name: 'ledger_store_head_position',
      help: 'Global position of the last event in the log.',
      collect: async () => {
        const head = await this.store.headPosition();
        return [{ value: head === undefined ? 0 : Number(head) }];
      },
    });
    if (this.store instanceof SqliteEventStore) {
      this.store.observeCommits((batchSize, seconds) =>
        this.registry.observeCommit(batchSize, seconds),
      );
    }
    this.projections?.register();
    this.registry.registerGauge({
      name: 'ledger_event_stream_clients',
      help: 'Clients connected to GET /v1/events/stream.',
      collect: () => {
        const streams = this.moduleRef.get(EventStreams, { strict: false });
        return [{ value: streams.clientCount }];
      },
    });
  }
}
