import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InvalidInput, NotFound, RuleViolated } from '@app/domain';
import {
  isStorageFullError,
  PositionOutOfRange,
  RevisionConflict,
  StorageFull,
  StoreUnavailable,
} from '@app/event-store';
import { ConcurrentModification, IdempotencyKeyReused, PreconditionFailed } from '@app/ledger';
import { FieldProblem, ProblemDetails } from './problem-details.dto';
import { RequestValidationFailed } from './request-validation-failed.error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem type URIs: URNs, stable identifiers that need no server to resolve them. */
export function problemType(slug: string): string {
  return `urn:ledger:problem:${slug}`;
}

type Problem = Omit<ProblemDetails, 'instance'>;

const TITLES: Record<number, [slug: string, title: string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthenticated', 'Authentication required'],
  403: ['forbidden', 'Role not allowed'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  406: ['not-acceptable', 'Not acceptable'],
  408: ['request-timeout', 'Request timeout'],
  409: ['conflict', 'Conflict'],
  412: ['precondition-failed', 'Precondition failed'],
  413: ['payload-too-large', 'Request body too large'],
  414: ['uri-too-long', 'Path or parameter too long'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['unprocessable', 'Unprocessable request'],
  429: ['too-many-requests', 'Too many requests'],
  431: ['headers-too-large', 'Request headers too large'],
  503: ['unavailable', 'Service unavailable'],
  507: ['insufficient-storage', 'Insufficient storage'],
};

/**
 * The one place errors become answers: RFC 9457 problem details as `application/problem+json`.
 * Fastify's own errors (body too large, malformed JSON, unsupported media type) reach it too:
 * Nest registers Fastify's error handler and hands those errors to the global filters as
 * HttpExceptions with Fastify's status. Anything unexpected is logged and answered as a bare
 * 500, without internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (clientWentAway(exception)) {
      // An aborted upload: nobody to answer, and nothing went wrong on our side.
      this.logger.debug?.(`${request.method} ${request.url}: the client closed the connection`);
      return;
    }
    const problem = this.toProblem(exception);
    if (problem.status === 507) {
      this.logger.warn(`${request.method} ${request.url} refused: the disk is full`);
    } else if (exception instanceof StoreUnavailable) {
      this.logger.warn(`${request.method} ${request.url} refused: ${exception.message}`);
    } else if (problem.status >= 500) {
      this.logger.error(
        `${request.method} ${request.url} failed`,
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (problem.status === 401) {
      void reply.header('WWW-Authenticate', 'Bearer realm="ledger"');
    }
    void reply
      .status(problem.status)
      .header('Content-Type', PROBLEM_CONTENT_TYPE)
      .send({ ...problem, instance: request.url.split('?')[0] });
  }

  toProblem(exception: unknown): Problem {
    if (exception instanceof RequestValidationFailed) {
      return {
        type: problemType('validation'),
        title: 'Request validation failed',
        status: HttpStatus.BAD_REQUEST,
        detail: describeFields(exception.errors),
        errors: exception.errors,
      };
    }
    if (exception instanceof PositionOutOfRange) {
      const messages = [`position ${exception.message}`];
      return {
        type: problemType('validation'),
        title: 'Request validation failed',
        status: HttpStatus.BAD_REQUEST,
        detail: messages[0],
        errors: [{ field: 'position', messages }],
      };
    }
    if (exception instanceof InvalidInput) {
      // A field only the domain can judge (e.g. occurredAt against its clock): still a 400.
      const errors = [{ field: exception.field, messages: [exception.message] }];
      return {
        type: problemType('validation'),
        title: 'Request validation failed',
        status: HttpStatus.BAD_REQUEST,
        detail: describeFields(errors),
        errors,
      };
    }
    if (exception instanceof StorageFull || isStorageFullError(exception)) {
      return {
        ...standardProblem(HttpStatus.INSUFFICIENT_STORAGE),
        detail:
          'the ledger cannot store anything now: the disk of its data dir is full. Nothing of ' +
          'this request was recorded; reads go on; retry once space has been freed',
      };
    }
    if (exception instanceof StoreUnavailable) {
      return {
        ...standardProblem(HttpStatus.SERVICE_UNAVAILABLE),
        detail: 'the ledger cannot reach its event store now; reads may go on; retry shortly',
      };
    }
    if (exception instanceof NotFound) {
      return { ...standardProblem(HttpStatus.NOT_FOUND), detail: exception.message };
    }
    if (exception instanceof RuleViolated) {
      return {
        type: problemType('rule-violated'),
        title: 'Domain rule violated',
        status: HttpStatus.CONFLICT,
        detail: exception.message,
        rule: exception.rule,
      };
    }
    if (exception instanceof PreconditionFailed) {
      return { ...standardProblem(HttpStatus.PRECONDITION_FAILED), detail: exception.message };
    }
    if (exception instanceof ConcurrentModification || exception instanceof RevisionConflict) {
      return {
        type: problemType('concurrent-modification'),
        title: 'Concurrent modification',
        status: HttpStatus.CONFLICT,
        detail: exception.message,
        rule: 'concurrent-modification',
      };
    }
    if (exception instanceof IdempotencyKeyReused) {
      return {
        type: problemType('idempotency-key-reused'),
        title: 'Idempotency-Key reused',
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        detail: exception.message,
      };
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      const detail = httpDetail(exception);
      if (status === 400) {
        // Malformed JSON and other framework-level 400s: still a field list, naming the body.
        return {
          ...standardProblem(status),
          detail,
          errors: [{ field: 'body', messages: [detail] }],
        };
      }
      return { ...standardProblem(status), detail };
    }
    return {
      type: problemType('internal'),
      title: 'Internal server error',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: 'the server could not answer this request; it has been logged',
    };
  }
}

/** Node's error for a request whose client closed the connection before it was complete. */
function clientWentAway(exception: unknown): boolean {
  return (exception as { code?: unknown } | null)?.code === 'ECONNRESET';
}

export function standardProblem(status: number): Omit<Problem, 'detail'> {
  const [slug, title] = TITLES[status] ?? ['http-error', `HTTP ${status}`];
  return { type: problemType(slug), title, status };
}

function httpDetail(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : exception.message;
}

function describeFields(errors: FieldProblem[]): string {
  if (errors.length === 0) return 'the request is not valid';
  return errors.map((e) => `${e.field}: ${e.messages.join(', ')}`).join('; ');
}
