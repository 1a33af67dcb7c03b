import { randomUUID } from 'node:crypto';
import type { AppendOutcome, ChainedAppend } from './append-events';
import { AppendGroupCommit } from './append-group-commit';

function append(streamId: string, events = 1): ChainedAppend {
  return {
    streamId,
    expectedRevision: 'no_stream',
    tail: undefined,
    events: Array.from({ length: events }, (_, revision) => ({
      eventId: randomUUID(),
      type: 'Probe',
      data: {},
      metadata: { actor: 'tester' },
      revision,
      previousHash: '',
      hash: '',
    })),
  };
}

const appended = (revision: number): AppendOutcome => ({
  kind: 'appended',
  revision,
  position: String(revision + 1),
  hash: 'h',
});

/** Records the groups it is handed; answers each append by its stream id. */
function recorder(answer: (group: readonly ChainedAppend[]) => Promise<AppendOutcome[]>) {
  const groups: string[][] = [];
  const commit = new AppendGroupCommit(async (group) => {
    groups.push(group.map((a) => a.streamId));
    return answer(group);
  });
  return { groups, commit };
}

describe('AppendGroupCommit', () => {
  it('commits appends submitted together as one group, and later ones in the next', async () => {
    let release: () => void = () => undefined;
    const firstCommitted = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const { groups, commit } = recorder(async (group) => {
      calls += 1;
      if (calls === 1) await firstCommitted;
      return group.map((_, i) => appended(i));
    });
    const first = ['a', 'b', 'c'].map((s) => commit.submit(append(s)));
    await new Promise((resolve) => setImmediate(resolve));
    // Submitted while the first group is being committed: they wait for the next one.
    const later = ['d', 'e'].map((s) => commit.submit(append(s)));
    release();
    await Promise.all([...first, ...later]);
    expect(groups).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
  });

  it('answers each append with its own outcome', async () => {
    const { commit } = recorder(async (group) =>
      group.map((a) =>
        a.streamId === 'taken' ? { kind: 'conflict', actual: 3 } : appended(a.events.length),
      ),
    );
    const outcomes = await Promise.all([
      commit.submit(append('free', 2)),
      commit.submit(append('taken')),
    ]);
    expect(outcomes).toEqual([appended(2), { kind: 'conflict', actual: 3 }]);
  });

  it('keeps a group under 2,000 events: a large append goes into a group of its own', async () => {
    const { groups, commit } = recorder(async (group) => group.map(() => appended(0)));
    await Promise.all([
      commit.submit(append('small-1', 10)),
      commit.submit(append('large', 1995)),
      commit.submit(append('small-2', 10)),
    ]);
    expect(groups).toEqual([['small-1'], ['large'], ['small-2']]);
  });

  it('after a statement error, tries each append alone, so only the refused one fails', async () => {
    const refused = new Error('invalid byte sequence');
    const { groups, commit } = recorder(async (group) => {
      if (group.some((a) => a.streamId === 'bad')) throw refused;
      return group.map(() => appended(0));
    });
    const outcomes = await Promise.allSettled(
      ['a', 'bad', 'c'].map((s) => commit.submit(append(s))),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBe(refused);
    expect(groups).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('fails every append of a group whose connection was lost, without trying them alone', async () => {
    const lost = Object.assign(new Error('terminating connection'), { code: '57P01' });
    const { groups, commit } = recorder(async () => {
      throw lost;
    });
    const outcomes = await Promise.allSettled(['a', 'b'].map((s) => commit.submit(append(s))));
    expect(outcomes.map((o) => (o as PromiseRejectedResult).reason)).toEqual([lost, lost]);
    expect(groups).toEqual([['a', 'b']]);
  });
});
