import type { FastifyInstance } from 'fastify';
import { RequestValidationFailed } from '../errors/request-validation-failed.error';
import { JsonBodyRefused, parseJsonBody } from './json-body-policy';

/**
 * Makes `application/json` the only body the API reads, parsed by the body policy from its raw
 * text (see {@link parseJsonBody}). Any other media type answers 415 (Fastify's own refusal).
 */
export function registerJsonBodyParser(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit },
    (_request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') {
        done(bodyProblem('the body is empty but its Content-Type says JSON'), undefined);
        return;
      }
      try {
        done(null, parseJsonBody(text));
      } catch (error) {
        if (error instanceof JsonBodyRefused) {
          done(new RequestValidationFailed(error.problems, error.message), undefined);
        } else if (error instanceof SyntaxError) {
          done(bodyProblem(`the body is not valid JSON (${error.message})`), undefined);
        } else {
          done(error as Error, undefined);
        }
      }
    },
  );
}

function bodyProblem(message: string): RequestValidationFailed {
  return new RequestValidationFailed([{ field: 'body', messages: [message] }], message);
}
