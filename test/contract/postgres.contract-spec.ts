import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  RevisionConflict,
  verifyChain,
} from '@app/event-store';
import { Client } from 'pg';
import { describeEventStoreContract } from '@app/event-store/testing';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store';
import { appendOrderingProbes } from './support/ordering-probes';
import { throwAwayDatabaseForFile } from './support/postgres-test-database';
import { RUN_TYPESCRIPT } from '../support/typescript-child';

// Runs against the local PostgreSQL server, in a database of its own dropped at the end.
const SUITE = 'PostgreSQL adapter';
const ROOT = join(__dirname, '..', '..');
const APPENDER = join(__dirname, 'support', 'postgres-appender.ts');

const pg = throwAwayDatabaseForFile('PostgreSQL contract cases');

function connect(): Promise<EventStore> {
  return PostgresEventStore.connect({ connectionString: pg.url() });
}

// Registered as skipped (not passed) when the server is down, so the totals say they did not run.
(pg.unavailable === undefined ? describe : describe.skip)(SUITE, () => {
  describeEventStoreContract('postgres', {
    // Every case isolates itself with fresh stream ids, so one database for the file is fine.
    create: connect,
    async reopen(store) {
      await store.close();
      return connect();
    },
  });

  describe('group commit', () => {
    let store: EventStore;
    let admin: Client;

    beforeEach(async () => {
      store = await connect();
      admin = new Client({ connectionString: pg.url() });
      await admin.connect();
    });

    afterEach(async () => {
      await admin.end();
      await store.close();
    });

    /** The transaction ids that stored the events of `streams` (one per transaction). */
    async function transactionsOf(streams: string[]): Promise<number> {
      const { rows } = await admin.query<{ transactions: number }>(
        'SELECT COUNT(DISTINCT xmin::text)::int AS transactions FROM events WHERE stream_id = ANY($1)',
        [streams],
      );
      return rows[0].transactions;
    }

    it('appends submitted together commit in one transaction, with one NOTIFY', async () => {
      const notified: string[] = [];
      admin.on('notification', (message) => notified.push(message.payload ?? ''));
      await admin.query('LISTEN ledger_events');
      const streams = Array.from({ length: 20 }, () => `group-${randomUUID()}`);
      const results = await Promise.all(
        streams.map((stream) =>
          store.append(stream, [probe(), probe()], { expectedRevision: 'no_stream' }),
        ),
      );
      expect(await transactionsOf(streams)).toBe(1);
      const positions = results.map((r) => BigInt(r.position)).sort((a, b) => (a < b ? -1 : 1));
      for (let i = 1; i < positions.length; i += 1)
        expect(positions[i] - positions[i - 1]).toBe(2n);
      // A later append alone: its NOTIFY comes after the group's, so both have arrived then.
      const later = await store.append(`group-${randomUUID()}`, [probe()], {
        expectedRevision: 'no_stream',
      });
      await until(() => notified.includes(later.position));
      expect(notified).toEqual([positions[positions.length - 1].toString(), later.position]);
    });

    it('a conflict fails only its own append; the rest of its group commits together', async () => {
      const taken = `group-${randomUUID()}`;
      await store.append(taken, [probe()], { expectedRevision: 'no_stream' });
      const free = [`group-${randomUUID()}`, `group-${randomUUID()}`];
      const outcomes = await Promise.allSettled([
        store.append(free[0], [probe()], { expectedRevision: 'no_stream' }),
        store.append(taken, [probe()], { expectedRevision: 'no_stream' }),
        store.append(free[1], [probe()], { expectedRevision: 'no_stream' }),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(RevisionConflict);
      expect(await transactionsOf(free)).toBe(1);
      expect(await transactionsOf([taken])).toBe(1);
    });

    it('an append the server refuses takes none of its group down', async () => {
      const good = [`group-${randomUUID()}`, `group-${randomUUID()}`];
      // NUL is valid in a JS string and in the hash, not in a PostgreSQL text value.
      const outcomes = await Promise.allSettled([
        store.append(good[0], [probe()], { expectedRevision: 'no_stream' }),
        store.append(`group-\u0000-${randomUUID()}`, [probe()], { expectedRevision: 'no_stream' }),
        store.append(good[1], [probe()], { expectedRevision: 'no_stream' }),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      for (const stream of good) {
        const stored: RecordedEvent[] = [];
        for await (const event of store.readStream(stream)) stored.push(event);
        expect(stored).toHaveLength(1);
      }
    });

    it('an append hashed onto a head another writer moved past is hashed again, chain intact', async () => {
      const other = await connect();
      try {
        const stream = `group-${randomUUID()}`;
        await store.append(stream, [probe()], { expectedRevision: 'no_stream' });
        // The other store appends behind this one's back, twice.
        await other.append(stream, [probe()], { expectedRevision: 0 });
        await other.append(stream, [probe(), probe()], { expectedRevision: 'any' });
        // This store last wrote revision 0: 'any' and 'stream_exists' must find the new head.
        expect((await store.append(stream, [probe()], { expectedRevision: 'any' })).revision).toBe(
          4,
        );
        await other.append(stream, [probe()], { expectedRevision: 4 });
        const exists = await store.append(stream, [probe()], { expectedRevision: 'stream_exists' });
        expect(exists.revision).toBe(6);
        // An exact revision this store never saw: read, then appended at it.
        await other.append(stream, [probe()], { expectedRevision: 6 });
        expect((await store.append(stream, [probe()], { expectedRevision: 7 })).revision).toBe(8);
        // A stale exact revision is still a conflict, with the actual one.
        const stale = await store
          .append(stream, [probe()], { expectedRevision: 4 })
          .catch((e: unknown) => e);
        expect(stale).toBeInstanceOf(RevisionConflict);
        expect((stale as RevisionConflict).actual).toBe(8);

        const report = await verifyChain(store.readStream(stream));
        expect(report.failures).toEqual([]);
        expect(report.eventsChecked).toBe(9);
      } finally {
        await other.close();
      }
    });
  });

  describe('readAll in pages, the next one asked for ahead', () => {
    it('reads across pages, stops at maxCount, and a reader leaving early blocks nothing', async () => {
      const store = await PostgresEventStore.connect({ connectionString: pg.url(), pageSize: 2 });
      try {
        const head = await store.headPosition();
        const stream = `pages-${randomUUID()}`;
        const events = Array.from({ length: 7 }, () => probe());
        await store.append(stream, events, { expectedRevision: 'no_stream' });
        const read = async (options: { maxCount?: number; leaveAfter?: number }) => {
          const ids: string[] = [];
          for await (const event of store.readAll({
            fromPosition: head,
            maxCount: options.maxCount,
          })) {
            ids.push(event.eventId);
            if (ids.length === options.leaveAfter) break;
          }
          return ids;
        };
        const ids = events.map((e) => e.eventId);
        expect(await read({})).toEqual(ids);
        expect(await read({ maxCount: 4 })).toEqual(ids.slice(0, 4));
        expect(await read({ maxCount: 5 })).toEqual(ids.slice(0, 5));
        expect(await read({ maxCount: 0 })).toEqual([]);
        for (let i = 0; i < 12; i += 1)
          expect(await read({ leaveAfter: 3 })).toEqual(ids.slice(0, 3));
        await store.append(stream, [probe()], { expectedRevision: 6 });
        expect(await read({})).toHaveLength(8);
      } finally {
        await store.close();
      }
    });
  });

  describe('position order across processes', () => {
    it('a subscriber sees every event appended by two processes of concurrent writers once, in order', async () => {
      const store = await connect();
      try {
        const head = await store.headPosition();
        const subscription = store.subscribeToAll({ fromPosition: head });
        const received: RecordedEvent[] = [];
        let wanted = Number.POSITIVE_INFINITY;
        let reachedWanted: () => void = () => undefined;
        const allReceived = new Promise<void>((resolve) => (reachedWanted = resolve));
        // Consumes while the writers run: live delivery, not a read after the fact.
        const consuming = (async () => {
          for await (const event of subscription) {
            received.push(event);
            if (received.length >= wanted) reachedWanted();
          }
        })();

        await Promise.all([runAppender('a'), runAppender('b')]);

        const committed: RecordedEvent[] = [];
        for await (const event of store.readAll({ fromPosition: head })) committed.push(event);
        wanted = committed.length;
        if (received.length >= wanted) reachedWanted();
        await allReceived;
        await subscription.close();
        await consuming;

        expect(committed.length).toBe(2 * eventsPerProcess());
        expect(received.map((e) => e.eventId)).toEqual(committed.map((e) => e.eventId));
        expect(new Set(received.map((e) => e.eventId)).size).toBe(received.length);
        for (let i = 1; i < received.length; i += 1) {
          expect(BigInt(received[i].position) > BigInt(received[i - 1].position)).toBe(true);
        }
      } finally {
        await store.close();
      }
    }, 120_000);

    it("subscribers of a process that appends too see its events and the others' once, in order", async () => {
      // A small page: this process's commits are handed over in parts, and reads fill pages.
      const store = await PostgresEventStore.connect({ connectionString: pg.url(), pageSize: 5 });
      try {
        const head = await store.headPosition();
        // One subscriber keeps up; one lags (its next pull comes later), as the inline
        // projections do behind the Merkle log: it takes groups further back, or reads.
        const consumers = [0, 2].map((lagMs) => {
          const subscription = store.subscribeToAll({ fromPosition: head });
          const received: RecordedEvent[] = [];
          const consuming = (async () => {
            for await (const event of subscription) {
              received.push(event);
              if (lagMs > 0 && received.length % 7 === 0) await pause(lagMs);
            }
          })();
          return { subscription, received, consuming };
        });

        // This process appends while the other two do (once they have started).
        const others = Promise.all([runAppender('a'), runAppender('b')]);
        while ((await store.headPosition()) === head) await pause(20);
        await Promise.all([others, appendOrderingProbes(store, 'own', APPENDERS, APPENDS)]);

        const committed: RecordedEvent[] = [];
        for await (const event of store.readAll({ fromPosition: head })) committed.push(event);
        expect(committed.length).toBe(3 * eventsPerProcess());
        for (const { subscription, received, consuming } of consumers) {
          // Where the log ends: a subscriber that skipped an event gets there too, and fails below.
          await until(() => received.at(-1)?.position === committed.at(-1)?.position);
          await subscription.close();
          await consuming;
          expect(received.map((e) => e.position)).toEqual(committed.map((e) => e.position));
          // As stored: the events handed over are the ones a read returns.
          expect(received).toEqual(committed);
        }
      } finally {
        await store.close();
      }
    }, 120_000);
  });
});

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function probe(): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'GroupProbe',
    data: { n: 1 },
    metadata: { actor: 'tester' },
  };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

const APPENDERS = 6;
const APPENDS = 20;

/** What one appender process writes: batches of 1 + ((worker + i) % 3) events. */
function eventsPerProcess(): number {
  let total = 0;
  for (let worker = 0; worker < APPENDERS; worker += 1) {
    for (let i = 0; i < APPENDS; i += 1) total += 1 + ((worker + i) % 3);
  }
  return total;
}

/** Runs one appender child process to its end; rejects with its stderr when it fails. */
function runAppender(label: string): Promise<void> {
  const child = spawn(
    process.execPath,
    [...RUN_TYPESCRIPT, APPENDER, pg.url(), label, String(APPENDERS), String(APPENDS)],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`appender ${label} exited ${code}: ${stderr}`)),
    );
  });
}
