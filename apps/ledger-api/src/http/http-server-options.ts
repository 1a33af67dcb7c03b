import type { Socket } from 'node:net';
import type { Server } from 'node:http';
import type { FastifyHttpOptions, FastifyReply, FastifyRequest } from 'fastify';
import { frameworkProblem, rawProblemResponse, FrameworkError } from '../errors/framework-problem';
import { PROBLEM_CONTENT_TYPE, standardProblem } from '../errors/problem-details.filter';
import { lowerCaseIdsInUrl } from './lower-case-ids';

export interface HttpLimits {
  bodyLimitBytes: number;
  /** A request (headers and body) not received in full within this answers 408. */
  requestTimeoutMs: number;
}

/** Longest path parameter (a stream id is ~50 characters); longer → 414. */
export const MAX_PARAM_LENGTH = 200;

/**
 * The Fastify server options of the API: limits and timeouts, ids lower-cased in every path and
 * query before routing, and the HTTP layer's own refusals answered as problem+json.
 */
export function httpServerOptions(limits: HttpLimits): FastifyHttpOptions<Server> {
  return {
    bodyLimit: limits.bodyLimitBytes,
    // Node ends a request not complete within requestTimeout (its clientError, answered 408
    // below); without it a client trickling a body holds the socket as long as it likes.
    requestTimeout: limits.requestTimeoutMs,
    // No idle-socket timeout: an event stream or a `?minPosition=` wait may be quiet for long,
    // and idle keep-alive sockets are closed by Fastify's keepAliveTimeout.
    // Node honours a request timeout only when it is given at the server's creation (setting
    // it later, as Fastify does, has no effect), and checks it at this interval (default 30 s).
    http: {
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, limits.requestTimeoutMs / 4)),
    },
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    rewriteUrl: (req) => lowerCaseIdsInUrl(req.url ?? '/'),
    frameworkErrors: (error: FrameworkError, request: FastifyRequest, reply: FastifyReply) => {
      const problem = frameworkProblem(error) ?? { ...standardProblem(400), detail: 'bad request' };
      void reply
        .status(problem.status)
        .header('Content-Type', PROBLEM_CONTENT_TYPE)
        .send({ ...problem, instance: safeInstance(request.url) });
    },
    clientErrorHandler: (error: Error & FrameworkError, socket: Socket) => {
      // A client that went away (an aborted upload) is not an error of ours: nothing to answer.
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      if (socket.writable) socket.write(rawProblemResponse(error));
      socket.destroy();
    },
  };
}

/** The path of a refused url, or `/` when it cannot be shown as it is. */
function safeInstance(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0];
  return /^[\x21-\x7e]{1,2048}$/.test(path) ? path : '/';
}
