import { InvalidInput, NotFound, RuleViolated } from '@app/domain';
import { StorageFull } from '@app/event-store';
import { ConcurrentModification } from './concurrent-modification.error';
import { PreconditionFailed } from './precondition-failed.error';

/**
 * Errors that refuse a command before anything of it is appended: a broken rule, a field only
 * the domain can judge, an unknown
 * aggregate, a stale If-Match, a lost race, a store that could not write (its transaction
 * rolled back). Anything else (a timeout of a remote store, say) may have appended.
 */
export function isRefusal(error: unknown): boolean {
  return (
    error instanceof RuleViolated ||
    error instanceof InvalidInput ||
    error instanceof NotFound ||
    error instanceof PreconditionFailed ||
    error instanceof ConcurrentModification ||
    error instanceof StorageFull
  );
}
