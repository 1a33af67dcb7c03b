import { StreamLocks } from './stream-locks';

/** A piece of work that records when it starts and finishes only when told. */
function gate(log: string[], name: string) {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const work = () => {
    log.push(`start ${name}`);
    return new Promise<string>((resolve, reject) => {
      finish = () => resolve(name);
      fail = reject;
    });
  };
  return { work, finish: () => finish(), fail: (error: Error) => fail(error) };
}

const turns = () => new Promise((resolve) => setImmediate(resolve));

describe('StreamLocks', () => {
  it('runs the work on one stream one at a time, in the order it came', async () => {
    const locks = new StreamLocks();
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((name) => gate(log, name));
    const results = [a, b, c].map((g) => locks.run('s', g.work));
    await turns();
    expect(log).toEqual(['start a']);
    a.finish();
    await turns();
    expect(log).toEqual(['start a', 'start b']);
    b.finish();
    await turns();
    c.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'start b', 'start c']);
  });

  it('hands the turn on when the work fails, and the failure to its caller', async () => {
    const locks = new StreamLocks();
    const log: string[] = [];
    const [a, b] = ['a', 'b'].map((name) => gate(log, name));
    const failed = locks.run('s', a.work);
    const next = locks.run('s', b.work);
    await turns();
    a.fail(new Error('refused'));
    await expect(failed).rejects.toThrow('refused');
    await turns();
    b.finish();
    expect(await next).toBe('b');
  });

  it('hands the turn on when the work throws before it returns a promise', async () => {
    const locks = new StreamLocks();
    const thrown = locks.run('s', () => {
      throw new Error('at once');
    });
    await expect(thrown).rejects.toThrow('at once');
    expect(await locks.run('s', () => Promise.resolve('after'))).toBe('after');
  });

  it('runs work on other streams meanwhile', async () => {
    const locks = new StreamLocks();
    const log: string[] = [];
    const [a, b] = ['a', 'b'].map((name) => gate(log, name));
    const results = [locks.run('s1', a.work), locks.run('s2', b.work)];
    await turns();
    expect(log).toEqual(['start a', 'start b']);
    b.finish();
    a.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b']);
  });

  it('keeps nothing for a stream once its work is done', async () => {
    const locks = new StreamLocks();
    await Promise.all([1, 2, 3].map((n) => locks.run('s', () => Promise.resolve(n))));
    await turns();
    expect((locks as unknown as { waiting: Map<string, unknown> }).waiting.size).toBe(0);
  });
});
