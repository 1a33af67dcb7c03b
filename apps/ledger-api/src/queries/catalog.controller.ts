import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CatalogOffering,
  GetOffering,
  ListOfferings,
  Page,
  ProjectionRuntime,
} from '@app/projections';
import { ApiProblem } from '../errors/api-problem.decorator';
import { CatalogOfferingDto, CatalogPageDto } from './dto/catalog-offering.dto';
import { pageRequest } from './page-request';
import { ProjectionQueries } from './projection-queries.decorator';
import { ConsistencyParams, OfferingListParams } from './query-params.dto';
import { UuidParam } from './uuid-param.pipe';

/** The service catalog, from the catalog projection. */
@ApiTags('queries')
@ProjectionQueries()
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
  @ApiOkResponse({ type: CatalogPageDto, description: 'A page of catalog offerings' })
  async list(@Query() params: OfferingListParams): Promise<Page<CatalogOffering>> {
    const page = pageRequest(params);
    await this.projections.awaitPosition(params.minPosition);
    return this.queryBus.execute(
      new ListOfferings({ status: params.status, providerId: params.providerId }, page),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'One offering of the catalog with its status and warranty in force' })
  @ApiOkResponse({ type: CatalogOfferingDto, description: 'The offering' })
  @ApiProblem(404, 'No such offering')
  async get(
    @Param('id', new UuidParam()) id: string,
    @Query() params: ConsistencyParams,
  ): Promise<CatalogOffering> {
    await this.projections.awaitPosition(params.minPosition);
    return this.queryBus.execute(new GetOffering(id));
  }
}
