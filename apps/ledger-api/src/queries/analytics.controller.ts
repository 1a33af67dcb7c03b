import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GetOfferingAnalytics,
  GetOfferingTrend,
  OfferingAnalyticsAnswer,
  OfferingTrendAnswer,
  ProjectionRuntime,
} from '@app/projections';
import { ApiProblem } from '../errors/api-problem.decorator';
import { OfferingAnalyticsDto, OfferingTrendDto } from './dto/offering-analytics.dto';
import { ProjectionQueries } from './projection-queries.decorator';
import { ConsistencyParams, TrendParams } from './query-params.dto';
import { UuidParam } from './uuid-param.pipe';

/** Continual-improvement analytics for improvement teams. */
@ApiTags('analytics')
@ProjectionQueries()
@Controller('v1/analytics')
export class AnalyticsController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly projections: ProjectionRuntime,
  ) {}

  @Get('offerings/:id')
  @ApiOperation({
    summary:
      'Provisions, outputs, outcomes, exact costs removed/imposed/net per currency, risks by severity, per warranty metric measurements/breaches/target/mean/min/max, value scores (net of retractions)',
  })
  @ApiOkResponse({ type: OfferingAnalyticsDto, description: "The offering's analytics" })
  @ApiProblem(404, 'No such offering')
  async offering(
    @Param('id', new UuidParam()) id: string,
    @Query() params: ConsistencyParams,
  ): Promise<OfferingAnalyticsAnswer> {
    await this.projections.awaitPosition(params.minPosition);
    return this.queryBus.execute(new GetOfferingAnalytics(id));
  }

  @Get('offerings/:id/trend')
  @ApiOperation({
    summary:
      "An offering's facts per occurrence month (UTC): per metric values and breaches, value score per role, costs, risks, outputs, outcomes",
  })
  @ApiOkResponse({
    type: OfferingTrendDto,
    description: 'The months with facts, from..to inclusive',
  })
  @ApiProblem(404, 'No such offering')
  async trend(
    @Param('id', new UuidParam()) id: string,
    @Query() params: TrendParams,
  ): Promise<OfferingTrendAnswer> {
    await this.projections.awaitPosition(params.minPosition);
    return this.queryBus.execute(new GetOfferingTrend(id, params.from, params.to));
  }
}
