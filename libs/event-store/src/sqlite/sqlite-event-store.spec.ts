import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '../new-event';
import type { RecordedEvent } from '../recorded-event';
import { GroupCommit } from './group-commit';
import { SQLITE_SCHEMA_VERSION } from './schema';
import { SqliteEventStore } from './sqlite-event-store';
import { StreamNotFound } from '../stream-not-found.error';

// What the contract suite cannot see from outside: paging, schema versions, group commit.
describe('SqliteEventStore (embedded specifics)', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-sqlite-spec-'));
    file = join(dir, 'nested', 'events.db');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const event = (type: string): NewEvent => ({
    eventId: randomUUID(),
    type,
    data: { type },
    metadata: {},
  });

  async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
    const items: T[] = [];
    for await (const item of iterable) items.push(item);
    return items;
  }

  it('creates the directory, uses WAL and records the schema version', async () => {
    const store = SqliteEventStore.open({ file });
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION);
    db.close();
  });

  it('opens a database reached through a symbolic link (its WAL sits beside the real file)', async () => {
    const real = join(dir, 'volume', 'events.db');
    mkdirSync(join(dir, 'volume'));
    mkdirSync(join(dir, 'nested'));
    symlinkSync(real, file);
    const store = SqliteEventStore.open({ file });
    await store.append('s-1', [event('A')], { expectedRevision: 'no_stream' });
    await store.close();
    const reopened = SqliteEventStore.open({ file });
    expect((await collect(reopened.readStream('s-1'))).map((e) => e.type)).toEqual(['A']);
    await reopened.close();
  });

  it('refuses a database written by a newer schema and leaves it untouched', async () => {
    await SqliteEventStore.open({ file }).close();
    const db = new Database(file);
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => SqliteEventStore.open({ file })).toThrow(/newer than this code understands/);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION + 1);
    check.close();
  });

  it('reads a snapshot stored as JSON text (before BLOBs), and ignores one it cannot decode', async () => {
    const state = { ids: 'ab'.repeat(5000), n: 1 };
    const store = SqliteEventStore.open({ file });
    await store.writeSnapshot('s-new', { shape: 'x/1', revision: 0, position: '1', state });
    await store.close();
    const db = new Database(file);
    const stored = (id: string) =>
      db.prepare('SELECT state FROM snapshots WHERE stream_id = ?').pluck().get(id);
    expect(stored('s-new')).toBeInstanceOf(Buffer);
    const insert = db.prepare(
      "INSERT INTO snapshots (stream_id, shape, revision, position, state) VALUES (?, 'x/1', 0, '1', ?)",
    );
    insert.run('s-text', JSON.stringify(state));
    insert.run('s-cut', (stored('s-new') as Buffer).subarray(0, 100));
    db.close();
    const reopened = SqliteEventStore.open({ file });
    expect(await reopened.readSnapshot('s-new')).toMatchObject({ state });
    expect(await reopened.readSnapshot('s-text')).toMatchObject({ state });
    expect(await reopened.readSnapshot('s-cut')).toBeUndefined();
    await reopened.close();
  });

  it('refuses an unknown synchronous mode', () => {
    expect(() => SqliteEventStore.open({ file, synchronous: 'OFF' as 'FULL' })).toThrow(RangeError);
  });

  it('reads streams, the log and subscriptions across many small pages', async () => {
    const store = SqliteEventStore.open({ file, pageSize: 2 });
    const a = `paged-${randomUUID()}`;
    const b = `paged-${randomUUID()}`;
    await store.append(
      a,
      [0, 1, 2, 3, 4, 5, 6].map((i) => event(`A${i}`)),
      {
        expectedRevision: 'no_stream',
      },
    );
    await store.append(b, [event('B0')], { expectedRevision: 'no_stream' });
    const types = (events: RecordedEvent[]) => events.map((e) => e.type);
    expect(types(await collect(store.readStream(a)))).toEqual([
      'A0',
      'A1',
      'A2',
      'A3',
      'A4',
      'A5',
      'A6',
    ]);
    expect(
      types(await collect(store.readStream(a, { direction: 'backwards', maxCount: 5 }))),
    ).toEqual(['A6', 'A5', 'A4', 'A3', 'A2']);
    expect(types(await collect(store.readAll({ fromPosition: '3', maxCount: 5 })))).toEqual([
      'A3',
      'A4',
      'A5',
      'A6',
      'B0',
    ]);

    const subscription = store.subscribeToAll({ fromPosition: '1' });
    const received: string[] = [];
    for await (const recorded of subscription) {
      received.push(recorded.type);
      // Written after the subscription read its first page: must come in a later page.
      if (recorded.type === 'A1') await store.append(b, [event('B1')], { expectedRevision: 0 });
      if (recorded.type === 'B1') break;
    }
    expect(received).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'B0', 'B1']);
    await store.close();
  });

  it('folds rows stored before the schema_version column (schema 5) by their metadata', async () => {
    const stream = `versions-${randomUUID()}`;
    const versioned = (type: string, schemaVersion?: unknown): NewEvent => ({
      ...event(type),
      metadata: schemaVersion === undefined ? {} : { schemaVersion: schemaVersion as number },
    });
    const first = SqliteEventStore.open({ file });
    await first.append(stream, [versioned('Old1', 1), versioned('Old2', 2), versioned('OldNone')], {
      expectedRevision: 'no_stream',
    });
    await first.close();
    // The file as schema 5 left it: no such column, so these rows are "old" once it is added.
    const db = new Database(file);
    db.exec('ALTER TABLE events DROP COLUMN schema_version');
    db.pragma('user_version = 5');
    db.close();

    const store = SqliteEventStore.open({ file });
    await store.append(
      stream,
      [versioned('New3', 3), versioned('NewOdd', '4'), versioned('New1', 1)],
      {
        expectedRevision: 2,
      },
    );
    const folded = (await collect(store.readStreamForFold(stream))).flat();
    expect(folded.map((e) => [e.type, e.schemaVersion])).toEqual([
      ['Old1', 1],
      ['Old2', 2],
      ['OldNone', undefined],
      ['New3', 3],
      // Not a positive integer: not in the column, read from the metadata as stored.
      ['NewOdd', '4'],
      ['New1', 1],
    ]);
    await store.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION);
    // Old rows stay as stored (NULL, never backfilled); new ones carry their version.
    expect(
      check.prepare('SELECT type, schema_version FROM events ORDER BY position').raw().all(),
    ).toEqual([
      ['Old1', null],
      ['Old2', null],
      ['OldNone', null],
      ['New3', 3],
      ['NewOdd', null],
      ['New1', 1],
    ]);
    check.close();
  });

  it('reads a stream head from its events since schema 7: a file of schema 6 keeps its streams and chains', async () => {
    const first = SqliteEventStore.open({ file });
    await first.append('s-1', [event('A'), event('B')], { expectedRevision: 'no_stream' });
    await first.close();
    // The file as schema 6 left it: heads in a table of their own, as the appends kept them.
    const db = new Database(file);
    db.exec(`CREATE TABLE streams (
      stream_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, last_hash TEXT NOT NULL
    ) WITHOUT ROWID`);
    db.exec(`INSERT INTO streams SELECT stream_id, revision, hash FROM events WHERE revision = 1`);
    db.pragma('user_version = 6');
    db.close();

    const store = SqliteEventStore.open({ file });
    await expect(
      store.append('s-1', [event('Stale')], { expectedRevision: 0 }),
    ).rejects.toMatchObject({ name: 'RevisionConflict' });
    expect(await store.append('s-1', [event('C')], { expectedRevision: 1 })).toEqual({
      revision: 2,
      position: '3',
    });
    const events = await collect(store.readStream('s-1'));
    expect(events.map((e) => e.type)).toEqual(['A', 'B', 'C']);
    expect(events[2].previousHash).toBe(events[1].hash);
    await expect(collect(store.readStream('s-2'))).rejects.toThrow(StreamNotFound);
    await store.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION);
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'streams'").all()).toEqual(
      [],
    );
    check.close();
  });

  it('hands its own commits to its subscribers as written: what readAll reads, a failed write left out', async () => {
    const store = SqliteEventStore.open({ file });
    await store.append('s-0', [event('Before')], { expectedRevision: 'no_stream' });
    const subscriptions = [store.subscribeToAll(), store.subscribeToAll()];
    const seen: RecordedEvent[][] = [[], []];
    const done = subscriptions.map(async (subscription, i) => {
      for await (const recorded of subscription) {
        seen[i].push(recorded);
        if (seen[i].length === 5) break;
      }
    });
    // One group commit in which a write fails: the batch runs again with savepoints.
    const results = await Promise.allSettled([
      store.append('s-1', [event('A'), event('B')], { expectedRevision: 'no_stream' }),
      store.append('s-0', [event('Stale')], { expectedRevision: 'no_stream' }),
      store.append('s-2', [event('C')], { expectedRevision: 'no_stream' }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await store.append('s-2', [event('D')], { expectedRevision: 0 });
    await Promise.all(done);
    const logged = await collect(store.readAll());
    expect(seen[0]).toEqual(logged);
    expect(seen[1]).toEqual(logged);
    // Read back from the file, each subscriber would get objects of its own; taken from this
    // store's commits, one conversion serves both.
    expect(seen[0][1]).toBe(seen[1][1]);
    expect(seen[0][4]).toBe(seen[1][4]);
    await store.close();
  });

  it('rejects a position that is not a decimal integer', async () => {
    const store = SqliteEventStore.open({ file });
    await expect(collect(store.readAll({ fromPosition: '12abc' }))).rejects.toThrow(RangeError);
    expect(() => store.subscribeToAll({ fromPosition: '-1' })).toThrow(RangeError);
    await store.close();
  });

  it('close() commits appends still queued, ends subscriptions, and refuses later calls', async () => {
    const store = SqliteEventStore.open({ file });
    const stream = `closing-${randomUUID()}`;
    const subscription = store.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    const queued = store.append(stream, [event('Queued')], { expectedRevision: 'no_stream' });
    await store.close();
    await expect(queued).resolves.toEqual({ revision: 0, position: '1' });
    // The subscription may deliver nothing more after the store closed.
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    await expect(store.append(stream, [event('Late')], { expectedRevision: 0 })).rejects.toThrow(
      /closed/,
    );
    const reopened = SqliteEventStore.open({ file });
    expect((await collect(reopened.readStream(stream))).map((e) => e.type)).toEqual(['Queued']);
    expect(await reopened.health()).toEqual({ kind: 'sqlite', reachable: true });
    await reopened.close();
    expect((await reopened.health()).reachable).toBe(false);
  });
});

describe('GroupCommit', () => {
  it('writes submissions of one turn in one transaction, rolling back only the one that fails', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (v TEXT NOT NULL)');
    let commits = 0;
    const group = new GroupCommit(db, () => (commits += 1));
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const outcomes = await Promise.allSettled([
      group.submit(() => insert.run('a').changes),
      group.submit(() => {
        insert.run('b1');
        throw new Error('second write fails after writing');
      }),
      group.submit(() => (db.prepare('SELECT v FROM t').pluck().all() as string[]).join(',')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // The third write saw the first (same transaction) but not the rolled-back second.
    expect((outcomes[2] as PromiseFulfilledResult<string>).value).toBe('a');
    expect(commits).toBe(1);
    expect(db.prepare('SELECT v FROM t').pluck().all()).toEqual(['a']);
    await group.submit(() => insert.run('c'));
    expect(commits).toBe(2);
    db.close();
  });

  it('tells its participant where each write starts, what was rolled back, before and after COMMIT, and when durable', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (v TEXT NOT NULL)');
    const staged: string[] = [];
    const calls: string[] = [];
    const group = new GroupCommit(db, () => calls.push('committed'), [
      {
        mark: () => staged.length,
        rewind: (mark) => {
          calls.push(`rewind to ${mark}`);
          staged.length = mark;
        },
        beforeCommit: () => calls.push(`before COMMIT with ${staged.join(',')}`),
        rolledBack: () => {
          calls.push('rolled back');
          staged.length = 0;
        },
        committed: () => calls.push('COMMIT returned'),
        durable: () => calls.push('durable'),
      },
    ]);
    const write = (v: string, fail = false) =>
      group.submit(() => {
        staged.push(v);
        if (fail) throw new Error(`${v} fails after staging`);
      });
    await Promise.allSettled([write('a'), write('b', true), write('c')]);
    // The batch ran without savepoints until b threw, then again with one per write.
    expect(calls).toEqual([
      'rolled back',
      'rewind to 1',
      'before COMMIT with a,c',
      'COMMIT returned',
      'durable',
      'committed',
    ]);
    calls.length = 0;
    await Promise.allSettled([write('d', true)]);
    expect(calls).toEqual(['rolled back']);
    db.close();
  });

  it('runs a batch in which no write throws without savepoints, and each write once', async () => {
    const statements: string[] = [];
    const db = new Database(':memory:', { verbose: (sql) => statements.push(String(sql)) });
    db.exec('CREATE TABLE t (v TEXT NOT NULL)');
    const group = new GroupCommit(db, () => undefined);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    statements.length = 0;
    await Promise.all(['a', 'b', 'c'].map((v) => group.submit(() => insert.run(v))));
    expect(statements).toEqual([
      'BEGIN IMMEDIATE',
      ...['a', 'b', 'c'].map((v) => `INSERT INTO t (v) VALUES ('${v}')`),
      'COMMIT',
    ]);
    expect(db.prepare('SELECT v FROM t').pluck().all()).toEqual(['a', 'b', 'c']);
    db.close();
  });

  it('settles no promise before COMMIT and rejects the whole batch when COMMIT fails', async () => {
    const db = new Database(':memory:');
    db.exec(
      'CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)',
    );
    db.pragma('foreign_keys = ON');
    const group = new GroupCommit(db, () => undefined);
    // A deferred foreign key is checked at COMMIT: the batch fails there as a whole.
    const outcomes = await Promise.allSettled([
      group.submit(() => db.prepare('INSERT INTO parent (id) VALUES (1)').run()),
      group.submit(() => db.prepare('INSERT INTO child (p) VALUES (2)').run()),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(db.inTransaction).toBe(false);
    expect(db.prepare('SELECT COUNT(*) FROM parent').pluck().get()).toBe(0);
    db.close();
  });
});
