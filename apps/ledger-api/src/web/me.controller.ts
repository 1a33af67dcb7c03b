import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { LEDGER_CONFIG, LedgerConfig } from '@app/config';
import { principalOf } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { MeDto } from './me.dto';

/** Answers the caller's own role, so a client (the dashboard) can check a key and pick its pages. */
@ApiTags('session')
@Controller('v1/me')
export class MeController {
  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {}

  @Get()
  @Roles('service', 'analyst', 'auditor')
  @ApiOperation({ summary: "The caller's key name, role and actor (any valid key)" })
  @ApiOkResponse({ type: MeDto })
  me(@Req() request: FastifyRequest): MeDto {
    const { name, role, actor } = principalOf(request);
    return { name, role, actor, open: this.config.apiKeys.length === 0 };
  }
}
