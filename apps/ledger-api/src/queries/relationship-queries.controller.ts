import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiNotFoundResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  GetRelationshipSummary,
  ProjectionRuntime,
  RelationshipSummaryAnswer,
} from '@app/projections';
import { Roles } from '../auth/roles.decorator';
import { ProblemDetails } from '../errors/problem-details.dto';
import { ProjectionsBehindFilter } from './projections-behind.filter';
import { ConsistencyParams } from './query-params.dto';
import { UuidParam } from './uuid-param.pipe';

/** Relationship summaries, from the relationship-summary projection. */
@ApiTags('queries')
@Roles('analyst')
@UseFilters(ProjectionsBehindFilter)
@ApiServiceUnavailableResponse({
  description: 'minPosition not reached in time',
  type: ProblemDetails,
})
@Controller('v1/relationships')
export class RelationshipQueriesController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly projections: ProjectionRuntime,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'Summary: parties, stakeholders, counts, exact cost totals, status' })
  @ApiNotFoundResponse({ description: 'No such relationship', type: ProblemDetails })
  async get(
    @Param('id', new UuidParam()) id: string,
    @Query() params: ConsistencyParams,
  ): Promise<RelationshipSummaryAnswer> {
    await this.projections.awaitPosition(params.minPosition);
    return this.queryBus.execute(new GetRelationshipSummary(id));
  }
}
