import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiNotFoundResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  GetImprovementAnalytics,
  GetOfferingAnalytics,
  GetOfferingTrend,
  ImprovementAnalyticsAnswer,
  OfferingAnalyticsAnswer,
  OfferingTrendAnswer,
  ProjectionRuntime,
} from '@app/projections';
import { Roles } from '../auth/roles.decorator';
import { ProblemDetails } from '../errors/problem-details.dto';
import { ProjectionsBehindFilter } from './projections-behind.filter';
import { ConsistencyParams, TrendParams } from './query-params.dto';
import { UuidParam } from './uuid-param.pipe';

/** Continual-improvement analytics for improvement teams. */
@ApiTags('analytics')
@Roles('analyst')
@UseFilters(ProjectionsBehindFilter)
@ApiServiceUnavailableResponse({
  description: 'minPosition not reached in time',
  type: ProblemDetails,
})
@Controller('v1/analytics')
export class AnalyticsController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly projections: ProjectionRuntime,
  ) {}

  @Get('offerings/:id')
  @ApiOperation({
    summary:
      'Provisions, outputs, outcomes, exact costs removed/imposed per currency, risks, service levels and breaches, average value score, lead time',
  })
  @ApiNotFoundResponse({ description: 'No such offering', type: ProblemDetails })
  async offering(
    @Param('id', new UuidParam()) id: string,
    @Query() params: ConsistencyParams,
  ): Promise<OfferingAnalyticsAnswer> {
    await this.projections.awaitPosition(params.minPosition);
    return this.queryBus.execute(new GetOfferingAnalytics(id));
  }

  @Get('offerings/:id/trend')
  @ApiOperation({ summary: "An offering's outputs, outcomes, measurements and breaches per month" })
  @ApiNotFoundResponse({ description: 'No such offering', type: ProblemDetails })
  async trend(
    @Param('id', new UuidParam()) id: string,
    @Query() params: TrendParams,
  ): Promise<OfferingTrendAnswer> {
    await this.projections.awaitPosition(params.minPosition);
    return this.queryBus.execute(new GetOfferingTrend(id, params.from, params.to));
  }

  @Get('improvements')
  @ApiOperation({
    summary:
      'Improvements by status, dimension and value chain activity; cycle time; benefit realized',
  })
  async improvements(@Query() params: ConsistencyParams): Promise<ImprovementAnalyticsAnswer> {
    await this.projections.awaitPosition(params.minPosition);
    return this.queryBus.execute(new GetImprovementAnalytics());
  }
}
