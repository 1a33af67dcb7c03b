import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyRequest } from 'fastify';
import { principalOf } from '../auth/principal';

/** What every log line written while a request is served says about that request. */
export interface RequestContext {
  request: FastifyRequest;
  correlationId: string;
  /** The command type the request executed, once the command bus has it. */
  command?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();
const contexts = new WeakMap<object, RequestContext>();

/** Runs the rest of the request's handling (hooks, guard, handler) inside its context. */
export function runInRequestContext(context: RequestContext, next: () => void): void {
  contexts.set(context.request, context);
  storage.run(context, next);
}

/** The context of the request being served here, if any (not in background work). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function requestContextOf(request: object): RequestContext | undefined {
  return contexts.get(request);
}

/** The request fields of a log line: read when the line is written, so the actor is known. */
export function requestLogFields(context: RequestContext): Record<string, string> {
  const { request } = context;
  const fields: Record<string, string> = {
    reqId: String(request.id),
    correlationId: context.correlationId,
    actor: principalOf(request).actor,
    method: request.method,
  };
  const route = request.routeOptions?.url;
  if (route !== undefined) fields.route = route;
  if (context.command !== undefined) fields.command = context.command;
  return fields;
}
