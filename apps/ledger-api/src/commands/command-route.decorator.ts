import { applyDecorators, HttpCode, HttpStatus, Post, Type } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblem } from '../errors/api-problem.decorator';
import { CommandAnswerDto } from './dto/common.dto';
import { COMMAND_ANSWER_ROUTE } from './etag.hook';

export interface CommandRouteOptions {
  /** The route below the controller's path ('' for the collection). */
  path: string;
  summary: string;
  /** Creates the aggregate: 201 and no If-Match. */
  creates?: boolean;
  answer?: Type<CommandAnswerDto>;
  /** The roles the controller opens the route to, for the summary; default `service`. */
  roles?: readonly string[];
}

/**
 * One command route: POST, its status (201 create / 200), the ETag header, the request
 * headers it honours and every answer it can give, documented in the OpenAPI document.
 */
export function CommandRoute({
  path,
  summary,
  creates = false,
  answer = CommandAnswerDto,
  roles = ['service'],
}: CommandRouteOptions) {
  const success = creates
    ? ApiCreatedResponse({ description: 'Created; `ETag: "<revision>"`', type: answer })
    : ApiOkResponse({ description: 'Recorded; `ETag: "<revision>"`', type: answer });
  return applyDecorators(
    Post(path),
    HttpCode(creates ? HttpStatus.CREATED : HttpStatus.OK),
    RouteConfig({ [COMMAND_ANSWER_ROUTE]: true }),
    ApiOperation({
      summary: `${summary} (${roles.length === 1 ? 'role' : 'roles'} ${roles.join(', ')})`,
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'A retry with the same key and body answers the first result and appends nothing',
    }),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Recorded in the events' }),
    ...(creates
      ? []
      : [
          ApiHeader({
            name: 'If-Match',
            required: false,
            description: 'Append only if the stream is at this revision, e.g. "3"',
          }),
          ApiProblem(404, 'Unknown aggregate'),
          ApiProblem(412, 'Stale If-Match revision'),
        ]),
    success,
    ApiProblem(
      400,
      'Body or header fails validation, malformed JSON, nesting over 32, an inexact number or a control character',
    ),
    ApiProblem(408, 'Request not received within LEDGER_REQUEST_TIMEOUT_MS'),
    ApiProblem(409, 'A domain rule is broken (see `rule`)'),
    ApiProblem(413, 'Body over the limit (64 KiB by default)'),
    ApiProblem(415, 'Body is not application/json'),
    ApiProblem(422, 'Idempotency-Key reused with another request'),
    ApiProblem(507, 'The store cannot write (disk full); nothing recorded, retry later'),
    ApiProblem(
      503,
      'The store cannot be reached (PostgreSQL connection lost); the command may or may not be recorded: retry with the same Idempotency-Key',
    ),
  );
}
