import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { describeEventStoreContract } from '@app/event-store/testing';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store';
import { throwAwayDatabaseForFile } from './support/postgres-test-database';

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
  });
});

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
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      APPENDER,
      pg.url(),
      label,
      String(APPENDERS),
      String(APPENDS),
    ],
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
