import { applyDecorators, HttpCode, HttpStatus, Post, Type, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiPreconditionFailedResponse,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { ProblemDetails } from '../errors/problem-details.dto';
import { CommandAnswerDto } from './dto/common.dto';
import { ETagInterceptor } from './etag.interceptor';

export interface CommandRouteOptions {
  /** The route below the controller's path ('' for the collection). */
  path: string;
  summary: string;
  /** Creates the aggregate: 201 and no If-Match. */
  creates?: boolean;
  answer?: Type<CommandAnswerDto>;
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
}: CommandRouteOptions) {
  const success = creates
    ? ApiCreatedResponse({ description: 'Created; `ETag: "<revision>"`', type: answer })
    : ApiOkResponse({ description: 'Recorded; `ETag: "<revision>"`', type: answer });
  const problem = (description: string) => ({ description, type: ProblemDetails });
  return applyDecorators(
    Post(path),
    HttpCode(creates ? HttpStatus.CREATED : HttpStatus.OK),
    UseInterceptors(ETagInterceptor),
    ApiOperation({ summary: `${summary} (role service)` }),
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
          ApiNotFoundResponse(problem('Unknown aggregate')),
          ApiPreconditionFailedResponse(problem('Stale If-Match revision')),
        ]),
    success,
    ApiBadRequestResponse(problem('Body or header fails validation, or malformed JSON')),
    ApiConflictResponse(problem('A domain rule is broken (see `rule`)')),
    ApiPayloadTooLargeResponse(problem('Body over the limit (64 KiB by default)')),
    ApiUnsupportedMediaTypeResponse(problem('Body is not application/json')),
    ApiUnprocessableEntityResponse(problem('Idempotency-Key reused with another request')),
  );
}
