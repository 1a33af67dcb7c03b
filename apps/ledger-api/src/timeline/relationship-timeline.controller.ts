import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFound, streamIdOf } from '@app/domain';
import { EVENT_STORE, EventStore, RecordedEvent, StreamNotFound } from '@app/event-store';
import { Roles } from '../auth/roles.decorator';
import { ApiProblem } from '../errors/api-problem.decorator';
import { ConsistencyParams } from '../queries/query-params.dto';
import { UuidParam } from '../queries/uuid-param.pipe';
import { relationshipTimeline } from './relationship-timeline';
import { RelationshipTimelineDto } from './relationship-timeline.dto';

/** A relationship's facts in time, read from its stream (for the dashboard's relationship page). */
@ApiTags('queries')
@Roles('analyst')
@Controller('v1/relationships')
export class RelationshipTimelineController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':id/timeline')
  @ApiOperation({
    summary:
      "A relationship's facts ordered by occurredAt, retracted ones marked, with actor and recorded time",
    description:
      'Read from the relationship stream itself, so it is always current (minPosition is ' +
      'accepted like on every query and has nothing to wait for).',
  })
  @ApiOkResponse({ type: RelationshipTimelineDto })
  @ApiProblem(400, 'The id is not a UUID')
  @ApiProblem(404, 'No such relationship')
  async timeline(
    @Param('id', new UuidParam()) id: string,
    @Query() _params: ConsistencyParams,
  ): Promise<RelationshipTimelineDto> {
    const events: RecordedEvent[] = [];
    try {
      for await (const event of this.store.readStream(streamIdOf('relationship', id))) {
        events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFound) throw new NotFound('relationship', id);
      throw error;
    }
    return { relationshipId: id, facts: relationshipTimeline(events) };
  }
}
