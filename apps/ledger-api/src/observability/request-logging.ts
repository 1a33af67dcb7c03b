import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { requestContextOf, requestLogFields, runInRequestContext } from './request-context';

export const CORRELATION_HEADER = 'x-correlation-id';
/** Printable ASCII without spaces, as CommandMeta requires of a sent correlation id. */
const TOKEN = /^[\x21-\x7e]{1,200}$/;

/**
 * Every request gets a context (request id, correlation id, actor) that each log line written
 * while serving it carries, its `X-Correlation-Id` echoed (the client's, or a new one), and
 * one JSON log line when it has been answered: method, route, status, ms and the context.
 * A 5xx is logged at error, but a health probe's 503 (the ledger says it is not ready) as any
 * other answer: ReadinessLog warns once when readiness changes, not at every poll.
 */
export function registerRequestLogging(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const correlationId = sentCorrelationId(request) ?? randomUUID();
    void reply.header('X-Correlation-Id', correlationId);
    runInRequestContext({ request, correlationId }, done);
  });
  // Reading the body leaves the async context of the socket: enter the request's again.
  fastify.addHook('preValidation', (request, _reply, done) => {
    const context = requestContextOf(request);
    if (context) runInRequestContext(context, done);
    else done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const context = requestContextOf(request);
    const status = reply.statusCode;
    const line = {
      ...(context ? requestLogFields(context) : { reqId: String(request.id) }),
      method: request.method,
      status,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (status >= 500 && !isHealthProbe(request)) logger.error(line, 'request failed');
    else logger.info(line, 'request');
    done();
  });
}

/** A probe's 503 is its answer (not ready), not a failure of the ledger's: see ReadinessLog. */
function isHealthProbe(request: FastifyRequest): boolean {
  return request.routeOptions.url?.startsWith('/health') === true;
}

function sentCorrelationId(request: FastifyRequest): string | undefined {
  const value = request.headers[CORRELATION_HEADER];
  const text = (Array.isArray(value) ? value.join(',') : value)?.trim();
  return text !== undefined && TOKEN.test(text) ? text : undefined;
}
