import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GetOrganization,
  ListOrganizations,
  ORGANIZATION_CURSOR_SORT,
  OrganizationAnswer,
  OrganizationDetailAnswer,
  Page,
  ProjectionRuntime,
} from '@app/projections';
import { ApiProblem } from '../errors/api-problem.decorator';
import { OrganizationDetailDto, OrganizationPageDto } from './dto/organization.dto';
import { sortedCursor } from './page-request';
import { ProjectionQueries } from './projection-queries.decorator';
import { ConsistencyParams, DEFAULT_PAGE, OrganizationListParams } from './query-params.dto';
import { UuidParam } from './uuid-param.pipe';

/** Registered organizations and their relationships, from the relationship-summary projection. */
@ApiTags('queries')
@ProjectionQueries()
@Controller('v1/organizations')
export class OrganizationQueriesController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly projections: ProjectionRuntime,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Organizations by name, optionally those whose name contains q, paged by cursor',
  })
  @ApiOkResponse({ type: OrganizationPageDto, description: 'A page of organizations' })
  async list(@Query() params: OrganizationListParams): Promise<Page<OrganizationAnswer>> {
    const cursor = sortedCursor(params.cursor, ORGANIZATION_CURSOR_SORT);
    await this.projections.awaitPosition(params.minPosition);
    return this.queryBus.execute(
      new ListOrganizations(params.q || undefined, params.limit ?? DEFAULT_PAGE, cursor),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'One organization with its relationships as provider and as consumer' })
  @ApiOkResponse({ type: OrganizationDetailDto, description: 'The organization' })
  @ApiProblem(404, 'No such organization')
  async get(
    @Param('id', new UuidParam()) id: string,
    @Query() params: ConsistencyParams,
  ): Promise<OrganizationDetailAnswer> {
    await this.projections.awaitPosition(params.minPosition);
    return this.queryBus.execute(new GetOrganization(id));
  }
}
