import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EVENT_STORE, EventStore, StoreHealth } from '@app/event-store';
import { Public } from '../auth/roles.decorator';

export interface HealthAnswer {
  status: 'ok' | 'unavailable';
  store: StoreHealth;
}

/** Liveness and readiness for operators and load balancers; needs no key. */
@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOperation({ summary: 'Store and projection status (no authentication)' })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthAnswer> {
    const store = await this.store.health().catch((error: unknown): StoreHealth => ({
      kind: 'sqlite',
      reachable: false,
      detail: error instanceof Error ? error.message : String(error),
    }));
    const answer: HealthAnswer = { status: store.reachable ? 'ok' : 'unavailable', store };
    void reply.status(store.reachable ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return answer;
  }
}
