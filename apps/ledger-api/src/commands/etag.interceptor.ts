import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';
import { CommandAnswer } from '@app/ledger';

/** `ETag: "<revision>"` on every command answer: the value a client sends back in If-Match. */
@Injectable()
export class ETagInterceptor implements NestInterceptor<CommandAnswer, CommandAnswer> {
  intercept(
    context: ExecutionContext,
    next: CallHandler<CommandAnswer>,
  ): Observable<CommandAnswer> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((answer) => {
        void reply.header('ETag', `"${answer.revision}"`);
        return answer;
      }),
    );
  }
}
