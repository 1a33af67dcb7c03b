import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GetRelationshipSummary,
  ProjectionRuntime,
  RelationshipSummaryAnswer,
} from '@app/projections';
import { ApiProblem } from '../errors/api-problem.decorator';
import { ProjectionQueries } from './projection-queries.decorator';
import { ConsistencyParams } from './query-params.dto';
import { UuidParam } from './uuid-param.pipe';

/** Relationship summaries, from the relationship-summary projection. */
@ApiTags('queries')
@ProjectionQueries()
@Controller('v1/relationships')
export class RelationshipQueriesController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly projections: ProjectionRuntime,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'Summary: parties, stakeholders, counts, exact cost totals, status' })
  @ApiOkResponse({ description: 'The relationship summary' })
  @ApiProblem(404, 'No such relationship')
  async get(
    @Param('id', new UuidParam()) id: string,
    @Query() params: ConsistencyParams,
  ): Promise<RelationshipSummaryAnswer> {
    await this.projections.awaitPosition(params.minPosition);
    return this.queryBus.execute(new GetRelationshipSummary(id));
  }
}
