import { RevisionConflict } from '@app/event-store';
import { AggregateStates } from './aggregate-states';
import { CommandAnswer } from './command-answer';
import { CommandContext } from './command-context';
import { ConcurrentModification } from './concurrent-modification.error';
import { PreconditionFailed } from './precondition-failed.error';

/** Attempts for a command without If-Match when other writers move the stream meanwhile. */
export const MAX_DECIDE_ATTEMPTS = 3;

interface Target {
  streamId: string;
  context: CommandContext;
}

/**
 * What a command does when its append finds the stream moved (another process appended).
 * With If-Match the append expected exactly that revision: the client's revision is stale
 * (412, no retry). Without it the command is decided again on the new state, since the client
 * did not ask for a conditional write, up to MAX_DECIDE_ATTEMPTS; then 409.
 */
export class ConflictRetry {
  constructor(private readonly states: AggregateStates) {}

  run(
    target: Target,
    attempt: (attempt: number) => Promise<CommandAnswer>,
  ): Promise<CommandAnswer> {
    return this.from(1, target, attempt);
  }

  /** Attempt `n` and, on a conflict, the ones after it: a first attempt that passes costs one promise. */
  private from(
    n: number,
    target: Target,
    attempt: (attempt: number) => Promise<CommandAnswer>,
  ): Promise<CommandAnswer> {
    return attempt(n).catch((error: unknown) => {
      if (!(error instanceof RevisionConflict)) throw error;
      const { streamId, context } = target;
      this.states.forget(streamId);
      if (context.expectedRevision !== undefined) {
        throw new PreconditionFailed(streamId, context.expectedRevision, error.actual);
      }
      if (n >= MAX_DECIDE_ATTEMPTS) throw new ConcurrentModification(streamId, n);
      return this.from(n + 1, target, attempt);
    });
  }
}
