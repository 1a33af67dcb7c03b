import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GetRelationshipSummary,
  ListRelationships,
  Page,
  ProjectionRuntime,
  RelationshipSummaryAnswer,
  sortKeyOf,
} from '@app/projections';
import { ApiProblem } from '../errors/api-problem.decorator';
import { RelationshipPageDto, RelationshipSummaryDto } from './dto/relationship-summary.dto';
import { sortedCursor } from './page-request';
import { ProjectionQueries } from './projection-queries.decorator';
import { ConsistencyParams, DEFAULT_PAGE, RelationshipListParams } from './query-params.dto';
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

  @Get()
  @ApiOperation({
    summary:
      'Relationship summaries, filtered by provider, consumer, offering or status, sorted (e.g. worst breaches first), paged by cursor',
  })
  @ApiOkResponse({ type: RelationshipPageDto, description: 'A page of relationship summaries' })
  async list(@Query() params: RelationshipListParams): Promise<Page<RelationshipSummaryAnswer>> {
    const cursor = sortedCursor(params.cursor, sortKeyOf(params.sort));
    await this.projections.awaitPosition(params.minPosition);
    return this.queryBus.execute(
      new ListRelationships(
        {
          providerId: params.providerId?.toLowerCase(),
          consumerId: params.consumerId?.toLowerCase(),
          offeringId: params.offeringId?.toLowerCase(),
          status: params.status,
        },
        params.sort,
        params.limit ?? DEFAULT_PAGE,
        cursor,
      ),
    );
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'Summary: parties, stakeholders, provisions, counts, exact cost totals, risks, status (net of retractions)',
  })
  @ApiOkResponse({ type: RelationshipSummaryDto, description: 'The relationship summary' })
  @ApiProblem(404, 'No such relationship')
  async get(
    @Param('id', new UuidParam()) id: string,
    @Query() params: ConsistencyParams,
  ): Promise<RelationshipSummaryAnswer> {
    await this.projections.awaitPosition(params.minPosition);
    return this.queryBus.execute(new GetRelationshipSummary(id));
  }
}
