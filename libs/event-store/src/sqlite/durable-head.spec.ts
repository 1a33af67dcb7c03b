import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppendResult } from '../append-result';
import type { RecordedEvent } from '../recorded-event';
import { GroupSync } from './group-sync';
import { SqliteEventStore } from './sqlite-event-store';

/** An fsync that completes only when told to. */
function manualSync(): {
  sync: () => Promise<void>;
  started: number;
  complete(error?: Error): void;
} {
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const control = {
    started: 0,
    sync: () =>
      new Promise<void>((resolve, reject) => {
        control.started += 1;
        pending.push({ resolve, reject });
      }),
    complete(error?: Error) {
      const next = pending.shift();
      if (!next) throw new Error('no fsync is running');
      if (error) next.reject(error);
      else next.resolve();
    },
  };
  return control;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupSync', () => {
  it('covers the commits made while an fsync runs with the next one, in commit order', async () => {
    const control = manualSync();
    const group = new GroupSync(control.sync);
    const durable: string[] = [];
    const fail = () => durable.push('failed');
    group.afterCommit(() => durable.push('a'), fail); // its fsync starts at once
    group.afterCommit(() => durable.push('b'), fail); // made while it runs: waits
    group.afterCommit(() => durable.push('c'), fail); // shares the next one with b
    expect(control.started).toBe(1);
    control.complete();
    await tick();
    expect(durable).toEqual(['a']);
    expect(control.started).toBe(2);
    control.complete();
    await group.drain();
    expect(durable).toEqual(['a', 'b', 'c']);
    expect(control.started).toBe(2);
  });

  it('fails every commit waiting and every later one once an fsync failed', async () => {
    const control = manualSync();
    const group = new GroupSync(control.sync);
    const outcomes: string[] = [];
    group.afterCommit(
      () => outcomes.push('a durable'),
      () => outcomes.push('a failed'),
    );
    await tick();
    group.afterCommit(
      () => outcomes.push('b durable'),
      () => outcomes.push('b failed'),
    );
    control.complete(new Error('EIO'));
    await group.drain();
    group.afterCommit(
      () => outcomes.push('c durable'),
      (error) => outcomes.push(`c failed: ${(error as Error).message}`),
    );
    expect(outcomes).toEqual([
      'a failed',
      'b failed',
      'c failed: the event store could not make its commits durable (EIO); reopen it',
    ]);
    expect(control.started).toBe(1);
  });
});

describe('SqliteEventStore at synchronous=FULL, the fsync off the event loop', () => {
  let dir: string;
  let file: string;
  /**
   * fdatasync calls held until released, each with the WAL's size when it was called; `release`
   * runs the real one and resolves once it completed.
   */
  let held: { walSize: number; release: () => Promise<void> }[];
  let spy: jest.SpyInstance;

  beforeEach(() => {
    dir = fs.mkdtempSync(join(tmpdir(), 'ledger-durable-head-'));
    file = join(dir, 'events.db');
    held = [];
    const real = fs.fdatasync;
    spy = jest
      .spyOn(fs, 'fdatasync')
      .mockImplementation((fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
        const walSize = fs.fstatSync(fd).size;
        const release = () =>
          new Promise<void>((resolve) =>
            real(fd, (error) => {
              callback(error);
              resolve();
            }),
          );
        held.push({ walSize, release });
      });
  });

  afterEach(() => {
    spy.mockRestore();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Lets every fdatasync held so far (and those they lead to) complete. */
  async function releaseAll(): Promise<void> {
    while (held.length > 0) {
      await held.shift()!.release();
      await tick();
    }
  }

  const append = (store: SqliteEventStore, stream: string) =>
    store.append(
      stream,
      [{ eventId: randomUUID(), type: 'Noted', data: { stream }, metadata: {} }],
      { expectedRevision: 'any' },
    );

  it('acknowledges an append only after its fsync, and hands it on by position only then', async () => {
    const store = SqliteEventStore.open({ file });
    const subscription = store.subscribeToAll();
    const seen: RecordedEvent[] = [];
    void (async () => {
      for await (const event of subscription) seen.push(event);
    })();
    let acknowledged: AppendResult | undefined;
    void append(store, 's-1').then((result) => (acknowledged = result));
    while (held.length === 0) await tick();

    // Committed (a command deciding on the stream sees it) but not on disk yet: reads that
    // would hand it on wait for its fsync, and the subscription does not deliver it.
    const answered: string[] = [];
    const reads = [
      (async () => {
        for await (const event of store.readStream('s-1'))
          answered.push(`stream ${event.position}`);
      })(),
      (async () => {
        for await (const event of store.readAll()) answered.push(`all ${event.position}`);
      })(),
      store.headPosition().then((head) => answered.push(`head ${head}`)),
      store
        .merkleLog()
        .treeSize()
        .then((size) => answered.push(`tree ${size}`)),
    ];
    await tick();
    await tick();
    expect(acknowledged).toBeUndefined();
    expect(seen).toEqual([]);
    expect(answered).toEqual([]);

    await releaseAll();
    await Promise.all(reads);
    expect(acknowledged).toEqual({ revision: 0, position: '1' });
    expect(answered.sort()).toEqual(['all 1', 'head 1', 'stream 1', 'tree 1']);
    expect(seen.map((e) => e.position)).toEqual(['1']);
    await subscription.close();
    await store.close();
  });

  it('gathers the writes submitted while an fsync runs into one COMMIT after it', async () => {
    const store = SqliteEventStore.open({ file });
    const groups: number[] = [];
    store.observeCommits((writes) => groups.push(writes));
    const first = append(store, 's-a');
    while (held.length === 0) await tick();
    const later = [append(store, 's-b')];
    await tick();
    later.push(append(store, 's-c'));
    await tick();
    later.push(append(store, 's-d'));
    await tick();
    expect(groups).toEqual([1]);
    await releaseAll();
    await Promise.all([first, ...later]);
    expect(groups).toEqual([1, 3]);
    await store.close();
  });

  it('loses nothing acknowledged or handed on when the power fails before an fsync completes', async () => {
    const store = SqliteEventStore.open({ file });
    const subscription = store.subscribeToAll();
    const seen: RecordedEvent[] = [];
    void (async () => {
      for await (const event of subscription) seen.push(event);
    })();
    const acknowledged: { stream: string; result: AppendResult }[] = [];
    let durableWal = fs.statSync(`${file}-wal`).size;
    for (let round = 0; round < 6; round += 1) {
      for (let i = 0; i < 5; i += 1) {
        const stream = `s-${round}-${i}`;
        void append(store, stream).then((result) => acknowledged.push({ stream, result }));
      }
      await tick(); // committed: in the WAL, waiting for an fsync
      if (round % 2 === 0) continue;
      // Every other round one fsync completes, while the commits of this round wait for the next.
      const next = held.shift()!;
      await next.release();
      await tick();
      durableWal = next.walSize;
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(0);
    expect(held.length).toBeGreaterThan(0); // the last round's commits are not on disk

    // The power fails: the disk holds the WAL only up to what the last completed fsync covered.
    const crashed = join(dir, 'crashed');
    fs.mkdirSync(crashed);
    fs.copyFileSync(file, join(crashed, 'events.db'));
    fs.writeFileSync(
      join(crashed, 'events.db-wal'),
      fs.readFileSync(`${file}-wal`).subarray(0, durableWal),
    );
    spy.mockRestore();
    const recovered = SqliteEventStore.open({ file: join(crashed, 'events.db') });
    const log = new Map<string, string>();
    for await (const event of recovered.readAll()) log.set(event.position, event.streamId);
    for (const { stream, result } of acknowledged) expect(log.get(result.position)).toBe(stream);
    for (const event of seen) expect(log.get(event.position)).toBe(event.streamId);
    await recovered.close();

    await releaseAll();
    await subscription.close();
    await store.close();
  });
});
