import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CommandContext, requestHash } from '@app/ledger';
import { principalOf } from '../auth/principal';
import { requestContextOf } from '../observability/request-context';
import { FieldProblem } from '../errors/problem-details.dto';
import { RequestValidationFailed } from '../errors/request-validation-failed.error';

/** Printable ASCII without spaces; long enough for UUIDs, ULIDs and composite keys. */
const TOKEN = /^[\x21-\x7e]{1,200}$/;

/**
 * Reads what a command needs from the request besides its body: the actor (from the API key),
 * `X-Correlation-Id`, `If-Match: "<revision>"`, `Idempotency-Key`, and the request hash
 * (method, path and the body as sent, canonicalised) that tells a retry from a key reuse.
 * A malformed header is a 400 naming it.
 */
export const CommandMeta = createParamDecorator(
  (_data: unknown, context: ExecutionContext): CommandContext => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const problems: FieldProblem[] = [];
    const correlationId = header(request, 'x-correlation-id');
    if (correlationId !== undefined && !TOKEN.test(correlationId)) {
      problems.push({
        field: 'X-Correlation-Id',
        messages: ['X-Correlation-Id must be 1–200 printable ASCII characters without spaces'],
      });
    }
    // A key sent blank is a client bug, not "no key": ignoring it would run the command twice.
    const idempotencyKey = header(request, 'idempotency-key') ?? blankAsEmpty(request);
    if (idempotencyKey !== undefined && !TOKEN.test(idempotencyKey)) {
      problems.push({
        field: 'Idempotency-Key',
        messages: ['Idempotency-Key must be 1–200 printable ASCII characters without spaces'],
      });
    }
    const ifMatch = header(request, 'if-match');
    const expectedRevision = ifMatch === undefined ? undefined : parseRevisionTag(ifMatch);
    if (expectedRevision === null) {
      problems.push({
        field: 'If-Match',
        messages: ['If-Match must be one stream revision as an entity tag, e.g. "3"'],
      });
    }
    if (problems.length > 0) throw new RequestValidationFailed(problems);
    return {
      actor: principalOf(request).actor,
      // The id echoed in X-Correlation-Id: the client's, or the one made up for this request.
      correlationId: requestContextOf(request)?.correlationId ?? correlationId,
      expectedRevision: expectedRevision ?? undefined,
      idempotencyKey,
      requestHash: requestHash(request.method, request.url.split('?')[0], request.body),
    };
  },
);

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value.join(',') : value;
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

function blankAsEmpty(request: FastifyRequest): string | undefined {
  return request.headers['idempotency-key'] === undefined ? undefined : '';
}

/** `"3"` (or `W/"3"`, or a bare `3`) → 3; anything else → null. */
export function parseRevisionTag(tag: string): number | null {
  const match = /^(?:W\/)?(?:"(\d{1,15})"|(\d{1,15}))$/.exec(tag);
  if (!match) return null;
  return Number(match[1] ?? match[2]);
}
