import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventBus } from '@nestjs/cqrs';
import { Client } from 'pg';
import type { EventStore, RecordedEvent } from '@app/event-store';
import {
  CatalogProjection,
  EVENT_BUS_CHECKPOINT,
  EVENT_BUS_RUNS_WITH,
  ProjectionRunner,
  ProjectorSupervisor,
  ProjectionFenced,
  RelationshipSummaryProjection,
  SagaFeed,
  type Projection,
  type ProjectionCheckpoint,
} from '@app/projections';
import { connectPostgresReadModels, PostgresAdvisoryOwnership } from '@app/projections/postgres';
import { SqliteReadModelStore } from '@app/projections/sqlite';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store';
import { tableName } from '../../libs/projections/src/read-model/postgres/read-model-tables';
import { EventBusFeed } from '../../libs/projections/src/runner/event-bus-feed';
import { throwAwayDatabaseForFile } from './support/postgres-test-database';

// Two projectors on one PostgreSQL database: one owns each projection (a session advisory
// lock), the other waits as standby and takes over when the owner's session ends.
const pg = throwAwayDatabaseForFile('projection ownership cases');

const SILENT = { log: () => {}, warn: () => {}, error: () => {} };
const STANDBY_POLL_MS = 50;

interface Projector {
  ownership: PostgresAdvisoryOwnership;
  supervisor: ProjectorSupervisor;
  readModels: SqliteReadModelStore;
  lost: boolean;
}

(pg.unavailable === undefined ? describe : describe.skip)(
  'projection ownership on PostgreSQL',
  () => {
    let dir: string;
    let store: EventStore;
    const projectors: Projector[] = [];

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ownership-'));
      store = await PostgresEventStore.connect({ connectionString: pg.url() });
    });

    afterEach(async () => {
      for (const p of projectors.splice(0)) {
        await p.supervisor.stop();
        await p.readModels.close();
      }
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    async function startProjector(projections: Projection[]): Promise<Projector> {
      const ownership = await PostgresAdvisoryOwnership.connect(pg.url());
      // Both write the same read models (one file here; a shared database in production).
      const readModels = SqliteReadModelStore.open({ file: join(dir, 'read-models.db') });
      const projector: Projector = { ownership, readModels, lost: false } as Projector;
      projector.supervisor = new ProjectorSupervisor({
        ownership,
        projections,
        standbyPollMs: STANDBY_POLL_MS,
        logger: SILENT,
        createRunner: (owned) =>
          new ProjectionRunner({
            eventStore: store,
            readModels,
            projections: owned,
            logger: SILENT,
          }),
        onLost: () => (projector.lost = true),
      });
      await projector.supervisor.start();
      projectors.push(projector);
      return projector;
    }

    async function registerOrganization(name: string): Promise<string> {
      const id = randomUUID();
      const result = await store.append(
        `organization-${id}`,
        [
          {
            eventId: randomUUID(),
            type: 'OrganizationRegistered',
            data: { organizationId: id, name },
            metadata: { actor: 'tester' },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
      return result.position;
    }

    async function until(condition: () => boolean, timeoutMs = 10_000): Promise<number> {
      const started = Date.now();
      while (!condition()) {
        if (Date.now() - started > timeoutMs) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 10));
      }
      return Date.now() - started;
    }

    async function backendPid(ownership: PostgresAdvisoryOwnership): Promise<number> {
      const { rows } = await (ownership as unknown as { client: Client }).client.query<{
        pid: number;
      }>('SELECT pg_backend_pid() AS pid');
      return rows[0].pid;
    }

    it('gives each projection to one projector; the second waits, then takes over when the first session is killed', async () => {
      const projections = () => [new CatalogProjection(), new RelationshipSummaryProjection()];
      const first = await startProjector(projections());
      const second = await startProjector(projections());
      expect([...first.supervisor.ownedNames()].sort()).toEqual([
        'catalog',
        'relationship-summary',
      ]);
      expect(second.supervisor.ownedNames().size).toBe(0);
      expect(second.supervisor.current()).toBeUndefined();

      const before = await registerOrganization('Provider A');
      expect(await first.supervisor.current()!.waitFor(before, 5_000)).toBe(true);
      // A few standby claims later the second still owns nothing.
      await new Promise((r) => setTimeout(r, STANDBY_POLL_MS * 4));
      expect(second.supervisor.ownedNames().size).toBe(0);

      // The owner's session ends as it would when its process is killed: the server frees the locks.
      const admin = new Client({ connectionString: pg.url() });
      await admin.connect();
      try {
        await admin.query('SELECT pg_terminate_backend($1)', [await backendPid(first.ownership)]);
      } finally {
        await admin.end();
      }
      await until(() => first.lost);
      expect(first.supervisor.current()).toBeUndefined();
      await until(() => second.supervisor.ownedNames().size === 2);

      // The standby goes on from the shared checkpoints: nothing twice, nothing skipped.
      const after = await registerOrganization('Provider B');
      expect(await second.supervisor.current()!.waitFor(after, 5_000)).toBe(true);
      const catalog = (await second.readModels.checkpoint('catalog'))!;
      expect(catalog.position).toBe(after);
      expect(catalog.eventsApplied).toBe(2);
    });

    const at = (position: string, name = 'catalog'): ProjectionCheckpoint => ({
      name,
      version: 1,
      generation: 1,
      position,
      eventsApplied: Number(position),
      updatedAt: '2026-01-01T00:00:00.000Z',
    });

    it('a projector that lost its lock without knowing it commits nothing once a new owner took over (fencing)', async () => {
      const first = await PostgresAdvisoryOwnership.connect(pg.url());
      const firstModels = await connectPostgresReadModels(pg.url(), { fence: first.fence });
      const second = await PostgresAdvisoryOwnership.connect(pg.url());
      const secondModels = await connectPostgresReadModels(pg.url(), { fence: second.fence });
      try {
        expect([...(await first.claim(['catalog']))]).toEqual(['catalog']);
        await firstModels.commit([{ checkpoint: at('1') }]);

        // The server frees the first owner's lock while its process still believes it holds it
        // (as when its session ends and the error has not reached it yet): the second takes it.
        const firstClient = (first as unknown as { client: Client }).client;
        await firstClient.query('SELECT pg_advisory_unlock_all()');
        expect([...(await second.claim(['catalog']))]).toEqual(['catalog']);

        // The first one's next batch is refused in its own transaction: nothing of it is written.
        const refused = firstModels.commit([{ checkpoint: at('2') }]);
        await expect(refused).rejects.toBeInstanceOf(ProjectionFenced);
        await expect(refused).rejects.toThrow(/projection catalog has a newer owner/);
        expect((await secondModels.checkpoint('catalog'))?.position).toBe('1');

        // The new owner goes on from there.
        await secondModels.commit([{ checkpoint: at('3') }]);
        expect((await firstModels.checkpoint('catalog'))?.position).toBe('3');
        // Still refused after the first one learns of its loss (its tokens stay as they were).
        await first.release();
        await expect(firstModels.commit([{ checkpoint: at('4') }])).rejects.toBeInstanceOf(
          ProjectionFenced,
        );
      } finally {
        await first.release();
        await second.release();
        await firstModels.close();
        await secondModels.close();
      }
    });

    it("the saga's checkpoint ($event-bus) is fenced by the owner token of the projection its feed goes with", async () => {
      const first = await PostgresAdvisoryOwnership.connect(pg.url());
      const firstModels = await connectPostgresReadModels(pg.url(), { fence: first.fence });
      const second = await PostgresAdvisoryOwnership.connect(pg.url());
      const secondModels = await connectPostgresReadModels(pg.url(), { fence: second.fence });
      // The saga's own listener; its EventBus has no saga behind it here.
      const bus = { publishAll: () => undefined } as unknown as EventBus;
      const feedOn = async (readModels: typeof firstModels): Promise<EventBusFeed> => {
        const feed = new EventBusFeed(new SagaFeed(bus).listener(), store, readModels, SILENT, () =>
          new Date().toISOString(),
        );
        await feed.load();
        return feed;
      };
      try {
        expect([...(await first.claim([EVENT_BUS_RUNS_WITH]))]).toEqual([EVENT_BUS_RUNS_WITH]);
        await registerOrganization('Provider before');
        const feed = await feedOn(firstModels);
        await feed.ensureStarted();
        const started = feed.position;

        // The first owner is deposed without knowing it; the second takes the projection over.
        await (first as unknown as { client: Client }).client.query(
          'SELECT pg_advisory_unlock_all()',
        );
        expect([...(await second.claim([EVENT_BUS_RUNS_WITH]))]).toEqual([EVENT_BUS_RUNS_WITH]);
        const after = await registerOrganization('Provider after');
        const events: RecordedEvent[] = [];
        for await (const event of store.readAll({ fromPosition: started })) events.push(event);
        expect(events.map((e) => e.position)).toEqual([after]);

        // The deposed feed cannot move the saga's checkpoint past what the new owner has (the
        // write a batch commit would take along).
        feed.collect(events);
        await feed.publish();
        await expect(firstModels.commit([feed.unsavedWrite()!])).rejects.toBeInstanceOf(
          ProjectionFenced,
        );
        expect((await secondModels.checkpoint(EVENT_BUS_CHECKPOINT))?.position).toBe(started);

        // The new owner's feed goes on from there.
        const taken = await feedOn(secondModels);
        taken.collect(events);
        await taken.publish();
        await secondModels.commit([taken.unsavedWrite()!]);
        expect((await firstModels.checkpoint(EVENT_BUS_CHECKPOINT))?.position).toBe(after);
      } finally {
        await first.release();
        await second.release();
        await firstModels.close();
        await secondModels.close();
      }
    });

    it('a new owner waits for a commit that checked the old token, and starts after it', async () => {
      // The commit is one statement that reads the owner tokens FOR SHARE before it writes:
      // a commit under way holds them, so the new owner's token waits for it to end and then
      // sees it whole. (The catalog's collections under a name of their own: the case above
      // moved `catalog`.)
      const name = 'catalog-in-flight';
      const collections = new CatalogProjection().collections;
      const collection = collections[0].name;
      const table = `ledger_read_models."${tableName(name, 1, collection)}"`;
      const first = await PostgresAdvisoryOwnership.connect(pg.url());
      const firstModels = await connectPostgresReadModels(pg.url(), { fence: first.fence });
      const second = await PostgresAdvisoryOwnership.connect(pg.url());
      const admin = new Client({ connectionString: pg.url() });
      const blocker = new Client({ connectionString: pg.url() });
      await admin.connect();
      await blocker.connect();
      const waitingForLocks = async () => {
        const { rows } = await admin.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return rows[0].waiting;
      };
      try {
        await first.claim([name]);
        await firstModels.prepare(name, 1, collections);
        const writer = await firstModels.writer(name, 1);
        writer.put(collection, 'in-flight', { name: 'written by the first owner' });
        // Another transaction holds the document's key: the first owner's commit waits in it.
        await blocker.query('BEGIN');
        await blocker.query(`INSERT INTO ${table} (key, doc) VALUES ('in-flight', '{}')`);
        const inFlight = firstModels.commit([{ writer, checkpoint: at('1', name) }]);
        inFlight.catch(() => undefined);
        while ((await waitingForLocks()) === 0) await new Promise((r) => setTimeout(r, 10));

        await (first as unknown as { client: Client }).client.query(
          'SELECT pg_advisory_unlock_all()',
        );
        let claimed = false;
        const claiming = second.claim([name]).finally(() => (claimed = true));
        // The new owner's token waits behind the commit (a fence read after the documents
        // would let it through, and refuse the commit instead).
        while (!claimed && (await waitingForLocks()) < 2) {
          await new Promise((r) => setTimeout(r, 10));
        }
        await blocker.query('ROLLBACK');

        await expect(inFlight).resolves.toBeUndefined();
        expect([...(await claiming)]).toEqual([name]);
        const { rows } = await admin.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${table}`,
        );
        expect(rows[0].n).toBe(1);
        expect((await firstModels.checkpoint(name))?.position).toBe('1');
        // From now on the first owner commits nothing, documents and all.
        writer.put(collection, 'too-late', { name: 'written by the first owner' });
        await expect(
          firstModels.commit([{ writer, checkpoint: at('2', name) }]),
        ).rejects.toBeInstanceOf(ProjectionFenced);
        const after = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
        expect(after.rows[0].n).toBe(1);
        expect((await firstModels.checkpoint(name))?.position).toBe('1');
      } finally {
        await blocker.end();
        await admin.end();
        await first.release();
        await second.release();
        await firstModels.close();
      }
    });

    it('splits the projections when each projector already holds some, and one takes the rest over', async () => {
      const catalogOnly = await startProjector([new CatalogProjection()]);
      const both = await startProjector([
        new CatalogProjection(),
        new RelationshipSummaryProjection(),
      ]);
      expect([...catalogOnly.supervisor.ownedNames()]).toEqual(['catalog']);
      expect([...both.supervisor.ownedNames()]).toEqual(['relationship-summary']);
      await catalogOnly.supervisor.stop();
      projectors.splice(projectors.indexOf(catalogOnly), 1);
      await catalogOnly.readModels.close();
      await until(() => both.supervisor.ownedNames().size === 2);
      expect(both.supervisor.current()!.has('catalog')).toBe(true);
    });
  },
);
