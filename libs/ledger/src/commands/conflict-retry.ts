import { RevisionConflict } from '@app/event-store';
import { AggregateStates } from './aggregate-states';
import { CommandAnswer } from './command-answer';
import { CommandContext } from './command-context';
import { ConcurrentModification } from './concurrent-modification.error';
import { PreconditionFailed } from './precondition-failed.error';

/** Attempts for a command without If-Match when other writers move the stream meanwhile. */
export const MAX_DECIDE_ATTEMPTS = 3;

/**
 * What a command does when its append finds the stream moved (another process appended).
 * With If-Match the append expected exactly that revision: the client's revision is stale
 * (412, no retry). Without it the command is decided again on the new state, since the client
 * did not ask for a conditional write, up to MAX_DECIDE_ATTEMPTS; then 409.
 */
export class ConflictRetry {
  constructor(private readonly states: AggregateStates) {}

  async run(
    { streamId, context }: { streamId: string; context: CommandContext },
    attempt: (attempt: number) => Promise<CommandAnswer>,
  ): Promise<CommandAnswer> {
    for (let n = 1; ; n += 1) {
      try {
        return await attempt(n);
      } catch (error) {
        if (!(error instanceof RevisionConflict)) throw error;
        this.states.forget(streamId);
        if (context.expectedRevision !== undefined) {
          throw new PreconditionFailed(streamId, context.expectedRevision, error.actual);
        }
        if (n >= MAX_DECIDE_ATTEMPTS) throw new ConcurrentModification(streamId, n);
      }
    }
  }
}
