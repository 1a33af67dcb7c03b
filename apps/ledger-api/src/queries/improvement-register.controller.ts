import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GetImprovement,
  GetImprovementAnalytics,
  ImprovementAnalyticsAnswer,
  ImprovementDetail,
  ImprovementEntry,
  ListImprovements,
  Page,
  ProjectionRuntime,
} from '@app/projections';
import { ApiProblem } from '../errors/api-problem.decorator';
import {
  ImprovementAnalyticsAnswerDto,
  ImprovementDetailAnswer,
  ImprovementPageAnswer,
} from './improvement-answers.dto';
import { ImprovementListParams } from './improvement-params.dto';
import { pageRequest } from './page-request';
import { ProjectionQueries } from './projection-queries.decorator';
import { ConsistencyParams } from './query-params.dto';
import { UuidParam } from './uuid-param.pipe';

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
    summary:
      'The improvement register, paged; filtered by status, owner, subject, offering, overdue, dimension, activity',
  })
  @ApiOkResponse({ description: 'A page of register entries', type: ImprovementPageAnswer })
  async list(@Query() params: ImprovementListParams): Promise<Page<ImprovementEntry>> {
    const page = pageRequest(params);
    await this.projections.awaitPosition(params.minPosition);
    const { status, owner, subjectId, offeringId, dimension, valueChainActivity } = params;
    const filter = {
      status,
      owner,
      subjectId,
      offeringId,
      dimension,
      valueChainActivity,
      overdue: params.overdue === 'true',
    };
    return this.queryBus.execute(new ListImprovements(filter, page, new Date()));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One improvement with the measurements of its metric before and after implementation',
  })
  @ApiOkResponse({
    description: 'The register entry and its series',
    type: ImprovementDetailAnswer,
  })
  @ApiProblem(404, 'No such improvement')
  async one(
    @Param('id', new UuidParam()) id: string,
    @Query() params: ConsistencyParams,
  ): Promise<ImprovementDetail> {
    await this.projections.awaitPosition(params.minPosition);
    return this.queryBus.execute(new GetImprovement(id, new Date()));
  }
}

/** Analytics over the improvement register. */
@ApiTags('analytics')
@ProjectionQueries()
@Controller('v1/analytics/improvements')
export class ImprovementAnalyticsController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly projections: ProjectionRuntime,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Improvements by status, dimension and activity; overdue now; success rate; benefit realized (mean, median); median days per stage; monthly proposed/evaluated',
  })
  @ApiOkResponse({ description: 'The analytics', type: ImprovementAnalyticsAnswerDto })
  async analytics(@Query() params: ConsistencyParams): Promise<ImprovementAnalyticsAnswer> {
    await this.projections.awaitPosition(params.minPosition);
    return this.queryBus.execute(new GetImprovementAnalytics(new Date()));
  }
}
