import { Global, Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { CommandObserver } from '../observability/command-observer';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics.registry';

/**
 * Prometheus metrics at GET /metrics. Other modules inject MetricsRegistry to add gauges
 * (projections add their checkpoints and lag).
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsRegistry, CommandObserver],
  exports: [MetricsRegistry],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly registry: MetricsRegistry,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(EVENT_STORE) private readonly store: EventStore,
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
    });
    this.registry.registerGauge({
      name: 'ledger_store_head_position',
      help: 'Global position of the last event in the log.',
      collect: async () => {
        const head = await this.store.headPosition();
        return [{ value: head === undefined ? 0 : Number(head) }];
      },
    });
  }
}
