import { RevisionConflict } from '@app/event-store';
import { AggregateStates } from './aggregate-states';
import { CommandAnswer } from './command-answer';
import { ConcurrentModification } from './concurrent-modification.error';
import { ConflictRetry, MAX_DECIDE_ATTEMPTS } from './conflict-retry';
import { PreconditionFailed } from './precondition-failed.error';

const answer: CommandAnswer = { id: 'a', streamId: 's', revision: 4, position: '9' };

describe('ConflictRetry', () => {
  let forgotten: string[];
  let retry: ConflictRetry;

  beforeEach(() => {
    forgotten = [];
    const states = { forget: (streamId: string) => forgotten.push(streamId) };
    retry = new ConflictRetry(states as unknown as AggregateStates);
  });

  /** An attempt that meets `conflicts` foreign appends before it gets through. */
  function attempts(conflicts: number) {
    const seen: number[] = [];
    const attempt = async (n: number) => {
      seen.push(n);
      if (seen.length <= conflicts) throw new RevisionConflict('s', n, n + 1);
      return answer;
    };
    return { seen, attempt };
  }

  it('decides again on a conflict without If-Match, forgetting the stale cached state', async () => {
    const { seen, attempt } = attempts(MAX_DECIDE_ATTEMPTS - 1);
    const context = { actor: 'a', requestHash: 'h' };
    expect(await retry.run({ streamId: 's', context }, attempt)).toBe(answer);
    expect(seen).toEqual(Array.from({ length: MAX_DECIDE_ATTEMPTS }, (_, i) => i + 1));
    expect(forgotten).toEqual(Array(MAX_DECIDE_ATTEMPTS - 1).fill('s'));
  });

  it('gives up with ConcurrentModification after MAX_DECIDE_ATTEMPTS', async () => {
    const { seen, attempt } = attempts(MAX_DECIDE_ATTEMPTS);
    const context = { actor: 'a', requestHash: 'h' };
    await expect(retry.run({ streamId: 's', context }, attempt)).rejects.toBeInstanceOf(
      ConcurrentModification,
    );
    expect(seen).toHaveLength(MAX_DECIDE_ATTEMPTS);
  });

  it('answers 412 at once under If-Match, with the revision the stream is at', async () => {
    const { seen, attempt } = attempts(1);
    const context = { actor: 'a', requestHash: 'h', expectedRevision: 1 };
    const refused = retry.run({ streamId: 's', context }, attempt);
    await expect(refused).rejects.toBeInstanceOf(PreconditionFailed);
    await expect(refused).rejects.toMatchObject({ expected: 1, actual: 2 });
    expect(seen).toEqual([1]);
  });

  it('passes any other error through without retrying', async () => {
    let calls = 0;
    const attempt = () => {
      calls += 1;
      return Promise.reject(new Error('disk'));
    };
    await expect(
      retry.run({ streamId: 's', context: { actor: 'a', requestHash: 'h' } }, attempt),
    ).rejects.toThrow('disk');
    expect(calls).toBe(1);
    expect(forgotten).toEqual([]);
  });
});
