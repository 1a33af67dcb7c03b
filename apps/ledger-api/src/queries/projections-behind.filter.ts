import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProjectionsBehind } from '@app/projections';
import { PROBLEM_CONTENT_TYPE, problemType } from '../errors/problem-details.filter';

/**
 * A `?minPosition=` wait that ran out: 503 problem+json with the position the projections
 * have reached, so the client can retry (Retry-After) or read what is there.
 */
@Catch(ProjectionsBehind)
export class ProjectionsBehindFilter implements ExceptionFilter {
  catch(exception: ProjectionsBehind, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    void http
      .getResponse<FastifyReply>()
      .status(HttpStatus.SERVICE_UNAVAILABLE)
      .header('Content-Type', PROBLEM_CONTENT_TYPE)
      .header('Retry-After', '1')
      .send({
        type: problemType('projections-behind'),
        title: 'Projections have not caught up',
        status: HttpStatus.SERVICE_UNAVAILABLE,
        detail: exception.message,
        instance: request.url.split('?')[0],
        minPosition: exception.minPosition,
        position: exception.processedPosition,
      });
  }
}
