import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryMerkleNodeStore } from '../merkle/in-memory-merkle-node-store';
import { eventLeafHash } from '../merkle/merkle-hash';
import { MerkleTree } from '../merkle/merkle-tree';
import { verifyConsistency, verifyInclusion } from '../merkle/verify-proofs';
import type { NewEvent } from '../new-event';
import type { RecordedEvent } from '../recorded-event';
import { appendEvents } from './append-events';
import { GroupCommit } from './group-commit';
import { migrateSqliteSchema } from './schema';
import { SqliteEventStore } from './sqlite-event-store';
import { SqliteMerkleNodeStore } from './sqlite-merkle-node-store';
import { prepareStatements } from './statements';
import { RUN_TYPESCRIPT } from '../../../../test/support/typescript-child';

describe('the embedded store keeps its Merkle log with the events', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-merkle-spec-'));
    file = join(dir, 'events.db');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const event = (): NewEvent => ({
    eventId: randomUUID(),
    type: 'Noted',
    data: { at: randomUUID() },
    metadata: {},
  });

  async function all(store: SqliteEventStore): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for await (const e of store.readAll()) events.push(e);
    return events;
  }

  /** The tree recomputed from the events as read, independent of the stored nodes. */
  function recomputed(events: RecordedEvent[]): MerkleTree {
    const tree = new MerkleTree(new InMemoryMerkleNodeStore());
    tree.append(events.map((e) => eventLeafHash(e.hash)));
    return tree;
  }

  async function appendSome(store: SqliteEventStore, streams: number, prefix = 's'): Promise<void> {
    // Concurrent appends share group commits; one of them fails its revision check.
    const writes = Array.from({ length: streams }, (_, i) =>
      store.append(`${prefix}-${i}`, [event(), event()], { expectedRevision: 'no_stream' }),
    );
    writes.push(
      store
        .append(`${prefix}-0`, [event()], { expectedRevision: 7 })
        .catch(() => ({ revision: -1, position: '0' })),
    );
    await Promise.all(writes);
  }

  it('answers the root, proofs and leaf index of every event, as recomputed from the events', async () => {
    const store = SqliteEventStore.open({ file });
    await appendSome(store, 5);
    const first = await all(store);
    await appendSome(store, 6, 't');
    await store.append('s-0', [event()], { expectedRevision: 1 });
    const events = await all(store);
    const log = store.merkleLog();
    const reference = recomputed(events);

    expect(await log.treeSize()).toBe(events.length);
    expect((await log.root(events.length)).equals(reference.root(events.length))).toBe(true);
    for (const [i, e] of events.entries()) {
      expect(e.position).toBe(String(i + 1));
      expect(await log.leafIndexOf(e.position)).toBe(i);
      const proof = await log.inclusionProof(i, events.length);
      const root = reference.root(events.length);
      expect(verifyInclusion(i, events.length, eventLeafHash(e.hash), proof, root)).toBe(true);
    }
    expect(await log.leafIndexOf(String(events.length + 1))).toBeUndefined();
    const proof = await log.consistencyProof(first.length, events.length);
    expect(
      verifyConsistency(
        first.length,
        events.length,
        proof,
        recomputed(first).root(first.length),
        reference.root(events.length),
      ),
    ).toBe(true);
    await store.close();
  });

  it('keeps the tree right when another connection appended to the same file meanwhile', async () => {
    const one = SqliteEventStore.open({ file });
    const other = SqliteEventStore.open({ file });
    await appendSome(one, 3);
    await appendSome(other, 2, 'o');
    // `one` remembers the tree as it left it; the other connection's commit must void that.
    await one.append('s-0', [event()], { expectedRevision: 1 });
    const events = await all(one);
    for (const store of [one, other]) {
      const log = store.merkleLog();
      expect(await log.treeSize()).toBe(events.length);
      expect((await log.root(events.length)).equals(recomputed(events).root(events.length))).toBe(
        true,
      );
    }
    await one.close();
    await other.close();
  });

  it('adds nothing of a group commit whose COMMIT fails, and the next commit goes on from the log', async () => {
    const db = new Database(file);
    migrateSqliteSchema(db);
    const statements = prepareStatements(db);
    const group = new GroupCommit(db, () => undefined, [statements.merkleLog]);
    const append = (stream: string) =>
      group.submit(() =>
        appendEvents(statements, stream, [event(), event()], 'no_stream', '2026-11-30T00:00:00Z'),
      );
    // A deferred foreign key fails at COMMIT, after the tree step added the batch's nodes.
    db.pragma('foreign_keys = ON');
    db.exec(`
      CREATE TEMP TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TEMP TABLE child (p INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
      CREATE TEMP TABLE switch (on_ INTEGER);
      INSERT INTO switch VALUES (0);
      CREATE TEMP TRIGGER fail_commit AFTER INSERT ON main.merkle_tree
        WHEN (SELECT on_ FROM switch) BEGIN INSERT INTO child VALUES (42); END;
    `);
    await append('a');
    db.exec('UPDATE switch SET on_ = 1');
    const failed = await Promise.allSettled([append('b'), append('c')]);
    expect(failed.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    db.exec('UPDATE switch SET on_ = 0');
    await Promise.all([append('d'), append('e')]);

    const hashes = db
      .prepare<[], string>('SELECT hash FROM events ORDER BY position')
      .pluck()
      .all();
    expect(hashes).toHaveLength(6);
    const log = statements.merkleLog.reader();
    expect(await log.treeSize()).toBe(6);
    const reference = new MerkleTree(new InMemoryMerkleNodeStore());
    reference.append(hashes.map(eventLeafHash));
    expect((await log.root(6)).equals(reference.root(6))).toBe(true);
    db.close();
  });

  it('holds exactly the leaves of the stored events after the appending process is killed', async () => {
    const root = join(__dirname, '..', '..', '..', '..');
    const child = spawn(
      process.execPath,
      [...RUN_TYPESCRIPT, join(root, 'test', 'support', 'append-until-killed.ts'), file],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('appending')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the appender exited with ${code}`)));
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    // Read as the crash left the file, before any open could build missing nodes.
    const db = new Database(file);
    const hashes = db
      .prepare<[], string>('SELECT hash FROM events ORDER BY position')
      .pluck()
      .all();
    const stored = new MerkleTree(new SqliteMerkleNodeStore(db));
    expect(hashes.length).toBeGreaterThanOrEqual(50);
    expect(stored.size()).toBe(hashes.length);
    const reference = new MerkleTree(new InMemoryMerkleNodeStore());
    reference.append(hashes.map(eventLeafHash));
    expect(stored.root(hashes.length).equals(reference.root(hashes.length))).toBe(true);
    db.close();
  }, 60_000);

  it('builds the tree over events stored before it existed when the store opens', async () => {
    const store = SqliteEventStore.open({ file });
    await appendSome(store, 4);
    await store.close();
    const db = new Database(file);
    db.exec('DELETE FROM merkle_tree');
    db.close();

    const reopened = SqliteEventStore.open({ file });
    const events = await all(reopened);
    const log = reopened.merkleLog();
    expect(await log.treeSize()).toBe(events.length);
    expect((await log.root(events.length)).equals(recomputed(events).root(events.length))).toBe(
      true,
    );
    await reopened.close();
  });

  it('refuses an append when the events table was changed behind the log', async () => {
    const store = SqliteEventStore.open({ file });
    await appendSome(store, 3);
    await store.close();
    const db = new Database(file);
    db.exec('DELETE FROM events WHERE position = (SELECT MAX(position) FROM events)');
    db.close();

    const reopened = SqliteEventStore.open({ file });
    await expect(
      reopened.append('another', [event()], { expectedRevision: 'no_stream' }),
    ).rejects.toThrow(/events table was changed outside the ledger/);
    await reopened.close();
  });

  it.each([
    ['the Merkle table swap but no snapshots', 'DROP TABLE snapshots'],
    [
      'snapshots but the first Merkle table',
      'DROP TABLE merkle_tree; CREATE TABLE merkle_nodes (level INTEGER, idx INTEGER, hash BLOB)',
    ],
  ])('brings a file at schema version 3 with %s up to date', async (_, sql) => {
    const store = SqliteEventStore.open({ file });
    await appendSome(store, 2);
    await store.close();
    const db = new Database(file);
    // Nor the column of schema 6.
    db.exec(`ALTER TABLE events DROP COLUMN schema_version; ${sql}`);
    db.pragma('user_version = 3');
    db.close();

    const reopened = SqliteEventStore.open({ file });
    const events = await all(reopened);
    expect(await reopened.merkleLog().treeSize()).toBe(events.length);
    await reopened.close();
    const check = new Database(file, { readonly: true });
    const tables = check
      .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    check.close();
    expect(tables).toEqual(expect.arrayContaining(['merkle_tree', 'snapshots']));
    expect(tables).not.toContain('merkle_nodes');
  });
});
