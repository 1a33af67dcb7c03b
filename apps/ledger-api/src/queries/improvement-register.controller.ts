import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListImprovements, Page, ProjectionRuntime, RegisteredImprovement } from '@app/projections';
import { pageRequest } from './page-request';
import { ProjectionQueries } from './projection-queries.decorator';
import { ImprovementListParams } from './query-params.dto';

/** The continual improvement register. */
@ApiTags('queries')
@ProjectionQueries()
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
  @ApiOkResponse({ description: 'A page of registered improvements' })
  async list(@Query() params: ImprovementListParams): Promise<Page<RegisteredImprovement>> {
    const page = pageRequest(params);
    await this.projections.awaitPosition(params.minPosition);
    const { status, dimension, valueChainActivity, subjectId } = params;
    return this.queryBus.execute(
      new ListImprovements({ status, dimension, valueChainActivity, subjectId }, page),
    );
  }
}
