import { randomUUID } from 'node:crypto';
import { type EventStore, type RecordedEvent, StoreUnavailable } from '@app/event-store';
import { Client } from 'pg';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store';
import { throwAwayDatabaseForFile } from './support/postgres-test-database';

// A restarted server (or a failover) drops every connection of the database. Without a
// listener on each connection's 'error', pg's unhandled 'error' ends the process (here: fails
// the test run). Runs against the local PostgreSQL server, in a database of its own.
const pg = throwAwayDatabaseForFile('PostgreSQL restart cases');

const TERMINATE_ALL =
  'SELECT pg_terminate_backend(pid) FROM pg_stat_activity ' +
  'WHERE datname = current_database() AND pid <> pg_backend_pid()';

function noted(): {
  eventId: string;
  type: string;
  data: { n: number };
  metadata: { actor: string };
} {
  return { eventId: randomUUID(), type: 'Noted', data: { n: 1 }, metadata: { actor: 'tester' } };
}

(pg.unavailable === undefined ? describe : describe.skip)(
  'PostgreSQL store, server drops its connections',
  () => {
    let store: EventStore;
    let admin: Client;

    beforeEach(async () => {
      store = await PostgresEventStore.connect({ connectionString: pg.url(), poolSize: 4 });
      admin = new Client({ connectionString: pg.url() });
      await admin.connect();
    });

    afterEach(async () => {
      await admin.end();
      await store.close();
    });

    it('fails only appends in flight, as StoreUnavailable, never the process; later appends work', async () => {
      const appended: { streamId: string; eventId: string }[] = [];
      const refusals: unknown[] = [];
      const writer = async (w: number) => {
        for (let i = 0; i < 25; i += 1) {
          const event = noted();
          const streamId = `restart-${w}-${i}-${event.eventId}`;
          await store.append(streamId, [event], { expectedRevision: 'no_stream' }).then(
            () => appended.push({ streamId, eventId: event.eventId }),
            (error: unknown) => refusals.push(error),
          );
        }
      };
      const writing = Promise.all([0, 1, 2, 3].map(writer));
      for (let cut = 0; cut < 3; cut += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await admin.query(TERMINATE_ALL);
      }
      await writing;
      await admin.query(TERMINATE_ALL);

      // Idle pooled connections were all dropped: the next append still goes through.
      await expect(
        store.append(`restart-after-${randomUUID()}`, [noted()], { expectedRevision: 'no_stream' }),
      ).resolves.toBeDefined();
      expect(appended.length + refusals.length).toBe(100);
      for (const refusal of refusals) expect(refusal).toBeInstanceOf(StoreUnavailable);
      // Every acknowledged append is in the log, once.
      for (const { streamId, eventId } of appended) {
        const found: string[] = [];
        for await (const event of store.readStream(streamId)) found.push(event.eventId);
        expect(found).toEqual([eventId]);
      }
    }, 60_000);

    it('a live subscription listens again and misses nothing committed while it did not', async () => {
      const streamId = `live-${randomUUID()}`;
      const subscription = store.subscribeToAll({ fromPosition: await store.headPosition() });
      const received: RecordedEvent[] = [];
      let onEvent: () => void = () => undefined;
      const consuming = (async () => {
        for await (const event of subscription) {
          received.push(event);
          onEvent();
        }
      })();
      const receivedCount = (n: number) =>
        new Promise<void>((resolve) => {
          onEvent = () => received.length >= n && resolve();
          onEvent();
        });

      await store.append(streamId, [noted()], { expectedRevision: 'no_stream' });
      await receivedCount(1);
      // Drops the LISTEN connection and every pooled one, then appends while nobody listens.
      await admin.query(TERMINATE_ALL);
      await store.append(streamId, [noted()], { expectedRevision: 0 });
      await store.append(streamId, [noted()], { expectedRevision: 1 });
      await receivedCount(3);

      // And it is live again: a later commit wakes it.
      await store.append(streamId, [noted()], { expectedRevision: 2 });
      await receivedCount(4);
      await subscription.close();
      await consuming;
      expect(received.map((event) => event.revision)).toEqual([0, 1, 2, 3]);
    }, 30_000);
  },
);
