import { Decider } from '../src/shared/decider';
import { NotFound, RuleViolated } from '../src/shared/domain-errors';
import { fold } from '../src/shared/fold';

/**
 * Given/when/then for pure deciders: given the stream's past events, when a command is
 * decided, then these events — or this domain error. Spec files only; not exported.
 */
export function given<Command, Event, State>(
  decider: Decider<Command, Event, State>,
  history: Event[] = [],
) {
  const state = fold(decider, history);
  return {
    when(command: Command) {
      const decide = () => decider.decide(command, state);
      return {
        thenEvents(expected: Event[]): void {
          expect(decide()).toEqual(expected);
        },
        thenRuleViolated(rule: string, message?: RegExp | string): void {
          const error = caught(decide);
          expect(error).toBeInstanceOf(RuleViolated);
          expect((error as RuleViolated).rule).toBe(rule);
          if (message !== undefined) expect((error as RuleViolated).message).toMatch(message);
        },
        thenNotFound(aggregate: string, id: string): void {
          const error = caught(decide);
          expect(error).toBeInstanceOf(NotFound);
          expect(error).toMatchObject({ aggregate, id });
        },
      };
    },
  };
}

/** The error a function throws; fails the test when it throws nothing. */
export function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a domain error, but the command was accepted');
}
