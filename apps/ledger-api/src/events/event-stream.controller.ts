import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/roles.decorator';
import { ApiProblem } from '../errors/api-problem.decorator';
import { RequestValidationFailed } from '../errors/request-validation-failed.error';
import { EventStreamQuery, POSITION } from './event-stream.query';
import { EventStreams } from './event-streams';
import { StreamedEventDto } from './streamed-event.dto';

/** The log as server-sent events, for the dashboard and any other system that follows it. */
@ApiTags('events')
@Roles('analyst', 'auditor')
@Controller('v1/events')
export class EventStreamController {
  constructor(private readonly streams: EventStreams) {}

  @Get('stream')
  @ApiOperation({
    summary: 'Every recorded event as a server-sent event, live; resumable',
    description:
      'One message per recorded event, in log order: `id:` its position, `data:` ' +
      '{position, streamId, type, occurredAt, recordedAt}. Reconnecting with `Last-Event-ID` ' +
      '(or `?fromPosition=`) resumes after that position without gaps or repeats. A comment ' +
      'line is sent as a heartbeat (LEDGER_EVENT_STREAM_HEARTBEAT_MS, default 15 s).',
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The last position received: resume after it',
  })
  @ApiExtraModels(StreamedEventDto)
  @ApiOkResponse({
    description: 'text/event-stream; each data line is a StreamedEventDto',
    content: {
      'text/event-stream': {
        schema: { $ref: getSchemaPath(StreamedEventDto) },
      },
    },
  })
  @ApiProblem(400, 'fromPosition or Last-Event-ID is not a position')
  async stream(
    @Query() query: EventStreamQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (lastEventId !== undefined && !POSITION.test(lastEventId)) {
      throw new RequestValidationFailed([
        { field: 'Last-Event-ID', messages: ['must be a position (a decimal string)'] },
      ]);
    }
    const opened = await this.streams.subscribe(lastEventId ?? query.fromPosition);
    // From here on the response is written by hand: Fastify must not send one of its own. The
    // headers its hooks set (correlation id, helmet's) would be lost with it: they go along.
    const headers = reply.getHeaders();
    reply.hijack();
    await this.streams.serve(reply.raw, opened, headers);
  }
}
