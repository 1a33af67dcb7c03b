import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  eventLeafHash,
  EventStore,
  InMemoryMerkleNodeStore,
  MerkleLogFollower,
  MerkleTree,
  type NewEvent,
  type RecordedEvent,
  verifyConsistency,
  verifyInclusion,
} from '@app/event-store';
import { connectEventStoreDb } from '@app/event-store/eventstoredb';
import { SqliteEventStore, SqliteFollowedTree } from '@app/event-store/sqlite';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store';
import {
  createTestDatabase,
  postgresUnavailable,
  type TestDatabase,
} from './support/postgres-test-database';

/**
 * The checkpointed follower that keeps the Merkle log of a store whose appends cannot (EventStoreDB,
 * later PostgreSQL). It only needs the EventStore port, so it runs here against the embedded
 * store always and against a real EventStoreDB when one is configured.
 */
function describeFollower(kind: string, open: (dir: string) => Promise<EventStore>): void {
  describe(`MerkleLogFollower over ${kind}`, () => {
    let dir: string;
    let store: EventStore;

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ledger-follower-'));
      store = await open(dir);
    });

    afterEach(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const event = (): NewEvent => ({
      eventId: randomUUID(),
      type: 'Noted',
      data: { note: randomUUID() },
      metadata: {},
    });

    async function appendStreams(count: number): Promise<string> {
      let position = '0';
      for (let i = 0; i < count; i += 1) {
        const result = await store.append(`follower-${randomUUID()}`, [event(), event()], {
          expectedRevision: 'no_stream',
        });
        position = result.position;
      }
      return position;
    }

    async function logEvents(): Promise<RecordedEvent[]> {
      const events: RecordedEvent[] = [];
      for await (const e of store.readAll()) events.push(e);
      return events;
    }

    it('follows the log from its checkpoint, resumes after a restart, and proves what it holds', async () => {
      const file = join(dir, 'merkle.db');
      let head = await appendStreams(3);
      let tree = SqliteFollowedTree.open(file);
      let follower = new MerkleLogFollower(store, tree);
      follower.start();
      await follower.waitFor(head);
      const firstSize = tree.checkpoint().treeSize;
      const firstRoot = await tree.reader().root(firstSize);
      await follower.close();
      tree.close();

      head = await appendStreams(4); // while nobody follows
      tree = SqliteFollowedTree.open(file);
      follower = new MerkleLogFollower(store, tree);
      follower.start();
      head = await appendStreams(2); // live
      await follower.waitFor(head);

      const events = await logEvents();
      const reference = new MerkleTree(new InMemoryMerkleNodeStore());
      reference.append(events.map((e) => eventLeafHash(e.hash)));
      const log = tree.reader();
      const size = await log.treeSize();
      expect(size).toBe(events.length);
      expect(tree.checkpoint()).toEqual({ position: head, treeSize: size });
      const root = reference.root(size);
      expect((await log.root(size)).equals(root)).toBe(true);
      expect(firstRoot.equals(reference.root(firstSize))).toBe(true);
      for (const [i, e] of events.entries()) {
        expect(await log.leafIndexOf(e.position)).toBe(i);
        const proof = await log.inclusionProof(i, size);
        expect(verifyInclusion(i, size, eventLeafHash(e.hash), proof, root)).toBe(true);
      }
      const consistency = await log.consistencyProof(firstSize, size);
      expect(verifyConsistency(firstSize, size, consistency, firstRoot, root)).toBe(true);
      await follower.close();
      tree.close();
    });

    it('starts again from its checkpoint after a failure, adding every event once', async () => {
      const head = await appendStreams(3);
      const tree = SqliteFollowedTree.open(join(dir, 'merkle.db'));
      let failures = 0;
      const flaky = Object.assign(Object.create(tree) as SqliteFollowedTree, {
        addBatch: (events: Parameters<SqliteFollowedTree['addBatch']>[0]) => {
          if (failures === 0) {
            failures += 1;
            throw new Error('disk full');
          }
          tree.addBatch(events);
        },
      });
      const errors: unknown[] = [];
      const follower = new MerkleLogFollower(store, flaky, (e) => errors.push(e), 20);
      follower.start();
      await follower.waitFor(head);
      expect(errors).toHaveLength(1);
      const events = await logEvents();
      const reference = new MerkleTree(new InMemoryMerkleNodeStore());
      reference.append(events.map((e) => eventLeafHash(e.hash)));
      expect(await tree.reader().treeSize()).toBe(events.length);
      expect((await tree.reader().root(events.length)).equals(reference.root(events.length))).toBe(
        true,
      );
      await follower.close();
      tree.close();
    });
  });
}

// PostgreSQL: the local server, in a throw-away database; skipped with the reason when it is down.
let postgres: TestDatabase | undefined;
let postgresDown = postgresUnavailable();
if (postgresDown !== undefined) {
  process.stdout.write(`Merkle follower over PostgreSQL skipped: ${postgresDown}\n`);
}
beforeAll(async () => {
  if (postgresDown !== undefined) return;
  const created = await createTestDatabase();
  if ('unavailable' in created) postgresDown = created.unavailable;
  else postgres = created;
}, 30_000);
afterAll(async () => {
  await postgres?.drop();
}, 30_000);
if (postgresDown === undefined) {
  describeFollower('PostgreSQL', async () => {
    if (postgres === undefined) throw new Error(`skipped: ${postgresDown ?? 'no database'}`);
    return PostgresEventStore.connect({ connectionString: postgres.url });
  });
} else {
  describe.skip(`MerkleLogFollower over PostgreSQL (skipped: ${postgresDown})`, () => {
    it('follows the log', () => undefined);
  });
}

describeFollower('the embedded store', async (dir) =>
  SqliteEventStore.open({ file: join(dir, 'events.db') }),
);

const connectionString = process.env.EVENTSTOREDB_CONNECTION_STRING?.trim();
if (connectionString) {
  describeFollower('EventStoreDB', async () => connectEventStoreDb(connectionString));
} else {
  process.stdout.write(
    'Merkle follower over EventStoreDB skipped: EVENTSTOREDB_CONNECTION_STRING is not set ' +
      '(e.g. esdb://localhost:2113?tls=false with `docker compose -f docker/compose.yml up -d eventstoredb`)\n',
  );
  describe.skip('MerkleLogFollower over EventStoreDB (skipped: EVENTSTOREDB_CONNECTION_STRING is not set)', () => {
    it('follows the log', () => undefined);
  });
}
