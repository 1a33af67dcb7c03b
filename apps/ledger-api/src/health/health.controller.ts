import { Controller, Get, HttpStatus, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles.decorator';
import { HealthAnswerDto, HealthIndicatorDto } from './health.dto';
import { ReadinessIndicators } from './readiness-indicators';
import { ReadinessLog } from './readiness-log';

/** Liveness and readiness for operators, orchestrators and load balancers; needs no key. */
@ApiTags('operations')
@ApiExtraModels(HealthIndicatorDto)
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly checks: HealthCheckService,
    private readonly readiness: ReadinessIndicators,
    private readonly log: ReadinessLog,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (no authentication)' })
  @ApiOkResponse({ description: 'The process is alive', type: HealthAnswerDto })
  live(): HealthCheckResult {
    return { status: 'ok', info: {}, error: {}, details: {} };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: store, disk, projections and lag (no authentication)' })
  @ApiOkResponse({ description: 'Ready to serve', type: HealthAnswerDto })
  @ApiServiceUnavailableResponse({
    description: 'Not ready: each indicator that is down says why in `message`',
    type: HealthAnswerDto,
  })
  ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    return this.check(reply);
  }

  @Get()
  @ApiOperation({ summary: 'The same as /health/ready (no authentication)' })
  @ApiOkResponse({ description: 'Ready to serve', type: HealthAnswerDto })
  @ApiServiceUnavailableResponse({
    description: 'Not ready: each indicator that is down says why in `message`',
    type: HealthAnswerDto,
  })
  health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    return this.check(reply);
  }

  /** Terminus throws its 503 answer; it is the answer here, not a problem. */
  private async check(reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      const result = await this.checks.check(this.readiness.all());
      this.log.ready();
      return result;
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      const result = error.getResponse() as HealthCheckResult;
      this.log.notReady(result);
      return result;
    }
  }
}
