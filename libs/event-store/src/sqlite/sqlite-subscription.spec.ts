import type { RecordedEvent } from '../recorded-event';
import { CommitSignal } from './commit-signal';
import { SqliteSubscription } from './sqlite-subscription';

// A log in memory stands in for the table; what is under test is when pages are pulled.
function fakeLog() {
  const events: RecordedEvent[] = [];
  const reads: { after: number; limit: number }[] = [];
  const append = (count: number) => {
    for (let i = 0; i < count; i += 1) {
      const position = events.length + 1;
      events.push({ position: String(position), eventId: `e${position}` } as RecordedEvent);
    }
  };
  const readPage = (after: number, limit: number) => {
    reads.push({ after, limit });
    return events.filter((e) => Number(e.position) > after).slice(0, limit);
  };
  return { append, readPage, reads };
}

describe('SqliteSubscription', () => {
  it('pulls one page at a time: a slow consumer makes it hold no more than one page', async () => {
    const log = fakeLog();
    log.append(10);
    const subscription = new SqliteSubscription(log.readPage, new CommitSignal(), 0, 3, () => {});
    const first = await subscription.next();
    expect(first.value?.eventId).toBe('e1');
    expect(log.reads).toEqual([{ after: 0, limit: 3 }]);
    await subscription.next();
    await subscription.next();
    expect(log.reads).toHaveLength(1);
    expect((await subscription.next()).value?.eventId).toBe('e4');
    expect(log.reads).toEqual([
      { after: 0, limit: 3 },
      { after: 3, limit: 3 },
    ]);
    await subscription.close();
  });

  it('waits for a commit signal instead of polling, then reads after the last delivered', async () => {
    const log = fakeLog();
    const signal = new CommitSignal();
    log.append(1);
    const subscription = new SqliteSubscription(log.readPage, signal, 0, 10, () => {});
    expect((await subscription.next()).value?.eventId).toBe('e1');
    const pending = subscription.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const readsWhileIdle = log.reads.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(log.reads.length).toBe(readsWhileIdle); // no polling while nothing is committed
    log.append(2);
    signal.notify();
    expect((await pending).value?.eventId).toBe('e2');
    expect((await subscription.next()).value?.eventId).toBe('e3');
    await subscription.close();
  });

  it('close() ends every pending next(), tells its owner, and stops listening', async () => {
    const log = fakeLog();
    const signal = new CommitSignal();
    const closed: SqliteSubscription[] = [];
    const subscription = new SqliteSubscription(log.readPage, signal, 0, 10, (s) => closed.push(s));
    const pending = [subscription.next(), subscription.next()];
    await subscription.close();
    expect(await Promise.all(pending)).toEqual([
      { done: true, value: undefined },
      { done: true, value: undefined },
    ]);
    expect(closed).toEqual([subscription]);
    const readsAfterClose = log.reads.length;
    log.append(1);
    signal.notify();
    expect(await subscription.next()).toEqual({ done: true, value: undefined });
    expect(log.reads.length).toBe(readsAfterClose);
  });
});
