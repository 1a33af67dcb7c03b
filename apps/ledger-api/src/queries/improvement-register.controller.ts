import { Controller, Get, Query, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ListImprovements, Page, ProjectionRuntime, RegisteredImprovement } from '@app/projections';
import { Roles } from '../auth/roles.decorator';
import { ProblemDetails } from '../errors/problem-details.dto';
import { pageRequest } from './page-request';
import { ProjectionsBehindFilter } from './projections-behind.filter';
import { ImprovementListParams } from './query-params.dto';

/** The continual improvement register. */
@ApiTags('queries')
@Roles('analyst')
@UseFilters(ProjectionsBehindFilter)
@ApiServiceUnavailableResponse({
  description: 'minPosition not reached in time',
  type: ProblemDetails,
})
@Controller('v1/improvements')
export class ImprovementRegisterController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly projections: ProjectionRuntime,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The improvement register, paged, filtered by status, dimension, activity or subject',
  })
  async list(@Query() params: ImprovementListParams): Promise<Page<RegisteredImprovement>> {
    const page = pageRequest(params);
    await this.projections.awaitPosition(params.minPosition);
    const { status, dimension, valueChainActivity, subjectId } = params;
    return this.queryBus.execute(
      new ListImprovements({ status, dimension, valueChainActivity, subjectId }, page),
    );
  }
}
