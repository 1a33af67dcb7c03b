import { Controller, Get, HttpStatus, Inject, Optional, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EVENT_STORE, EventStore, StoreHealth } from '@app/event-store';
import { ProjectionReport, ProjectionRuntime } from '@app/projections';
import { Public } from '../auth/roles.decorator';
import { LEDGER_CONFIG, LedgerConfig } from '@app/config';

export interface HealthAnswer {
  status: 'ok' | 'unavailable';
  store: StoreHealth;
  /** Checkpoint, lag, status and rebuild progress of each projection. */
  projections?: ProjectionReport[];
}

/** Liveness and readiness for operators and load balancers; needs no key. */
@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Optional() private readonly projections?: ProjectionRuntime,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Store and projection status (no authentication)' })
  @ApiOkResponse({ description: '{status: "ok", store, projections}' })
  @ApiServiceUnavailableResponse({
    description: '{status: "unavailable", store}: the store is unreachable',
  })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthAnswer> {
    const store = await this.store.health().catch((error: unknown): StoreHealth => ({
      kind: this.config.eventStore,
      reachable: false,
      detail: error instanceof Error ? error.message : String(error),
    }));
    const answer: HealthAnswer = { status: store.reachable ? 'ok' : 'unavailable', store };
    if (this.projections && store.reachable) answer.projections = await this.projections.reports();
    void reply.status(store.reachable ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return answer;
  }
}
