import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiNotFoundResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  CatalogOffering,
  GetOffering,
  ListOfferings,
  Page,
  ProjectionRuntime,
} from '@app/projections';
import { Roles } from '../auth/roles.decorator';
import { ProblemDetails } from '../errors/problem-details.dto';
import { pageRequest } from './page-request';
import { ProjectionsBehindFilter } from './projections-behind.filter';
import { ConsistencyParams, OfferingListParams } from './query-params.dto';
import { UuidParam } from './uuid-param.pipe';

/** The service catalog, from the catalog projection. */
@ApiTags('queries')
@Roles('analyst')
@UseFilters(ProjectionsBehindFilter)
@ApiServiceUnavailableResponse({
  description: 'minPosition not reached in time',
  type: ProblemDetails,
})
@Controller('v1/offerings')
export class CatalogController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly projections: ProjectionRuntime,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The catalog: offerings with status, paged, filtered by status or provider',
  })
  async list(@Query() params: OfferingListParams): Promise<Page<CatalogOffering>> {
    const page = pageRequest(params);
    await this.projections.awaitPosition(params.minPosition);
    return this.queryBus.execute(
      new ListOfferings({ status: params.status, providerId: params.providerId }, page),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'One offering of the catalog with its status' })
  @ApiNotFoundResponse({ description: 'No such offering', type: ProblemDetails })
  async get(
    @Param('id', new UuidParam()) id: string,
    @Query() params: ConsistencyParams,
  ): Promise<CatalogOffering> {
    await this.projections.awaitPosition(params.minPosition);
    return this.queryBus.execute(new GetOffering(id));
  }
}
