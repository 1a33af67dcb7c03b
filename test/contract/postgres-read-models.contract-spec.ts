import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type RecordedEvent } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store/sqlite';
import {
  type DocumentSession,
  type Projection,
  type ProjectionCheckpoint,
  ProjectionRunner,
} from '@app/projections';
import { PostgresCheckpointSignal } from '@app/projections/postgres';
import { PostgresReadModelStore } from '../../libs/projections/src/read-model/postgres/postgres-read-model-store';
import { describeReadModelContract } from './support/read-model-contract';
import { throwAwayDatabaseForFile } from './support/postgres-test-database';

// Runs against the local PostgreSQL server, in a database of its own dropped at the end.
const pg = throwAwayDatabaseForFile('PostgreSQL read-model contract cases');

// Registered as skipped (not passed) when the server is down, so the totals say they did not run.
(pg.unavailable === undefined ? describe : describe.skip)('PostgreSQL read models', () => {
  describeReadModelContract('postgres', {
    open() {
      return PostgresReadModelStore.connect({ connectionString: pg.url(), poolSize: 3 });
    },
  });

  // Two shutdown hooks may both close the store (pg's Pool.end throws on a second call).
  it('closes once however often it is closed', async () => {
    const store = await PostgresReadModelStore.connect({ connectionString: pg.url() });
    await Promise.all([store.close(), store.close()]);
    await expect(store.close()).resolves.toBeUndefined();
  });

  // PostgreSQL only: the writer holds the collections a projection reads, not write-only ones.
  it('refuses to read a write-only collection in apply, except what the batch wrote', async () => {
    const store = await PostgresReadModelStore.connect({ connectionString: pg.url() });
    try {
      await store.prepare('write-only-case', 1, [{ name: 'log', cache: false }]);
      const writer = await store.writer('write-only-case', 1);
      writer.put('log', 'a', { v: 1 });
      expect(writer.get('log', 'a')).toEqual({ v: 1 });
      await store.commit([{ writer }]);
      expect(() => writer.get('log', 'a')).toThrow(/write-only/);
    } finally {
      await store.close();
    }
  });

  // PostgreSQL only: API processes read what a projector in another process swaps in.
  it('a reader in another process moves to a swapped-in generation at once, before the old one is dropped', async () => {
    const url = pg.url();
    const [writer, reader] = [
      await PostgresReadModelStore.connect({ connectionString: url, poolSize: 2 }),
      await PostgresReadModelStore.connect({ connectionString: url, poolSize: 2 }),
    ];
    const checkpoint = (generation: number) => ({
      name: 'swap-case',
      version: 1,
      generation,
      position: '5',
      eventsApplied: 1,
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    try {
      const collections = [{ name: 'items', indexes: ['status'] }];
      for (const generation of [1, 2]) {
        await writer.prepare('swap-case', generation, collections);
        const w = await writer.writer('swap-case', generation);
        w.put('items', 'a', { generation, status: 'open' });
        await writer.commit([{ writer: w }]);
      }
      await writer.commit([{ checkpoint: checkpoint(1) }]);
      expect(await reader.get('swap-case', 'items', 'a')).toEqual({
        generation: 1,
        status: 'open',
      });
      await writer.commit([{ checkpoint: checkpoint(2) }]);
      expect(await reader.get('swap-case', 'items', 'a')).toEqual({
        generation: 2,
        status: 'open',
      });
      const page = await reader.list('swap-case', 'items', { where: { status: 'open' }, limit: 5 });
      expect(page).toEqual({ items: [{ generation: 2, status: 'open' }], total: 1 });
    } finally {
      await writer.close();
      await reader.close();
    }
  });

  // PostgreSQL only: an API process takes a projector's checkpoints from the NOTIFY, unread.
  it('signals the checkpoints a commit wrote, as committed; a set too large for a NOTIFY commits and signals none', async () => {
    const store = await PostgresReadModelStore.connect({ connectionString: pg.url(), poolSize: 2 });
    const signal = await PostgresCheckpointSignal.connect(pg.url());
    const heard: (readonly ProjectionCheckpoint[] | undefined)[] = [];
    signal.listen((committed) => heard.push(committed));
    const checkpoint = (name: string, position: string | undefined): ProjectionCheckpoint => ({
      name,
      version: 2,
      generation: 3,
      position,
      eventsApplied: 41,
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const until = async (count: number) => {
      for (let i = 0; i < 500 && heard.length < count; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    try {
      const committed = [checkpoint('signal-a', '17'), checkpoint('signal-b', undefined)];
      await store.commit(committed.map((c) => ({ checkpoint: c })));
      await until(1);
      expect(heard).toEqual([committed]);
      expect(await store.checkpoint('signal-a')).toEqual(heard[0]![0]);
      // 8,000 bytes and more: the NOTIFY would fail the commit, so it goes without them.
      const many = Array.from({ length: 60 }, (_, i) =>
        checkpoint(`signal-${'x'.repeat(100)}-${i}`, String(i)),
      );
      await store.commit(many.map((c) => ({ checkpoint: c })));
      await until(2);
      expect(heard[1]).toBeUndefined();
      expect(heard).toHaveLength(2);
      expect(await store.checkpoint(many[59].name)).toEqual(many[59]);
    } finally {
      await signal.close();
      await store.close();
    }
  });

  // PostgreSQL only: a restarted server (or a failover) is a passing failure, not a broken one.
  it('the runner retries after the server dropped its connections, and applies every event once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-pg-outage-'));
    const events = SqliteEventStore.open({ file: join(dir, 'events.db') });
    const readModels = await PostgresReadModelStore.connect({ connectionString: pg.url() });
    const counting: Projection = {
      name: 'outage-counting',
      version: 1,
      handles: ['OrganizationRegistered'],
      collections: [{ name: 'counts' }],
      apply(session: DocumentSession, event: RecordedEvent) {
        const doc = session.get<{ n: number; last: string }>('counts', 'all') ?? { n: 0, last: '' };
        session.put('counts', 'all', { n: doc.n + 1, last: event.position });
      },
    };
    const runner = new ProjectionRunner({
      eventStore: events,
      readModels,
      projections: [counting],
      batchSize: 5,
    });
    const admin = new Client({ connectionString: pg.url() });
    await admin.connect();
    const append = async (n: number) =>
      (
        await events.append(
          `organization-${randomUUID()}`,
          Array.from({ length: n }, (_, i) => ({
            eventId: randomUUID(),
            type: 'OrganizationRegistered',
            data: { organizationId: randomUUID(), name: `Org ${i}` },
            metadata: { actor: 'tester' },
          })),
          { expectedRevision: 'any' },
        )
      ).position;
    try {
      await runner.start();
      expect(await runner.waitFor(await append(20), 10_000)).toBe(true);
      // Every connection of the read models' pool is cut while events keep coming.
      const cut = admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      const head = await append(20);
      await cut;
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      const last = await append(10);
      expect(await runner.waitFor(last, 20_000)).toBe(true);
      expect(BigInt(last)).toBeGreaterThan(BigInt(head));
      const [report] = await runner.reports();
      expect(report).toMatchObject({ status: 'live', failure: null });
      expect(await readModels.get('outage-counting', 'counts', 'all')).toEqual({ n: 50, last });
    } finally {
      await runner.stop();
      await readModels.close();
      await events.close();
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
