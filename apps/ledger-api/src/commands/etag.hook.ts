import type { FastifyInstance } from 'fastify';
import type { CommandAnswer } from '@app/ledger';

/** Route config key that marks a command route (set by `@CommandRoute`). */
export const COMMAND_ANSWER_ROUTE = 'ledgerCommandAnswer';

/**
 * `ETag: "<revision>"` on every command answer: the value a client sends back in If-Match;
 * `Location` on a 201: creating commands post to a collection, the new aggregate is below it.
 * A Fastify hook rather than a Nest interceptor: an interceptor costs two AsyncResource
 * bindings per request on Node 20, measurable on the hottest route.
 */
export function registerCommandETag(fastify: FastifyInstance): void {
  fastify.addHook('preSerialization', (request, reply, payload: unknown, done) => {
    const config = request.routeOptions.config as unknown as Record<string, unknown> | undefined;
    if (config?.[COMMAND_ANSWER_ROUTE] === true && reply.statusCode < 300) {
      const answer = payload as CommandAnswer;
      void reply.header('ETag', `"${answer.revision}"`);
      if (reply.statusCode === 201 && request.routeOptions.url !== undefined) {
        void reply.header('Location', `${request.routeOptions.url}/${answer.id}`);
      }
    }
    done(null, payload);
  });
}
