import { EVENT_STORE, EventStore } from '@app/event-store';
import { allProjections, ProjectionRuntime, ReadModelStore } from '@app/projections';
import { connectPostgresReadModels } from '@app/projections/postgres';
import { SqliteReadModelStore } from '@app/projections/sqlite';
import { join } from 'node:path';
import { throwAwayDatabaseForFile } from '../contract/support/postgres-test-database';
import { runCliCaptured } from '../support/run-cli';
import { startTestApp, TestApp } from '../support/test-app';
import { postScenario } from './projections-scenario';

// The ledger's own projections, run by the app over one log into either adapter, must leave
// the same documents (byte for byte: same values, same key order). The contract suites check
// the port; this checks the projections through the PostgreSQL writer's in-memory copies.
const pg = throwAwayDatabaseForFile('PostgreSQL read-model e2e');

jest.setTimeout(90_000);

/** Every document of every collection of every projection, in key order, as JSON text. */
async function everyDocument(store: ReadModelStore): Promise<Record<string, string[]>> {
  const all: Record<string, string[]> = {};
  for (const projection of allProjections()) {
    for (const { name } of projection.collections) {
      const docs: string[] = [];
      let afterKey: string | undefined;
      for (;;) {
        const page = await store.list(projection.name, name, { afterKey, limit: 200 });
        docs.push(...page.items.map((doc) => JSON.stringify(doc)));
        if (page.lastKey === undefined) break;
        afterKey = page.lastKey;
      }
      all[`${projection.name}/${name}`] = docs;
    }
  }
  return all;
}

async function caughtUp(t: TestApp): Promise<void> {
  const head = await t.app.get<EventStore>(EVENT_STORE).headPosition();
  const runtime = t.app.get(ProjectionRuntime);
  for (let i = 0; i < 600 && runtime.processedPosition() !== head; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(runtime.processedPosition()).toBe(head);
}

(pg.unavailable === undefined ? describe : describe.skip)('read models on PostgreSQL (e2e)', () => {
  let t: TestApp | undefined;
  let expected: Record<string, string[]> = {};

  afterAll(async () => {
    await t?.dispose();
  }, 30_000);

  it('the projections leave the same documents in PostgreSQL as in SQLite', async () => {
    t = await startTestApp();
    await postScenario(t);
    await postScenario(t);
    await caughtUp(t);
    await t.close();
    const sqlite = SqliteReadModelStore.open({ file: join(t.dataDir, 'read-models.db') });
    expected = await everyDocument(sqlite);
    await sqlite.close();
    expect(Object.values(expected).flat().length).toBeGreaterThan(20);

    // The same log, projected again into PostgreSQL in small batches (many commits).
    t = await startTestApp({
      dataDir: t.dataDir,
      env: {
        LEDGER_READ_MODELS: 'postgres',
        LEDGER_POSTGRES_URL: pg.url(),
        LEDGER_PROJECTION_BATCH_SIZE: '3',
      },
    });
    await caughtUp(t);
    const postgres = await connectPostgresReadModels(pg.url());
    try {
      expect(await everyDocument(postgres)).toEqual(expected);
    } finally {
      await postgres.close();
    }
  });

  it('the CLI rebuilds the shared read models only while nothing else owns them', async () => {
    const env = { LEDGER_READ_MODELS: 'postgres', LEDGER_POSTGRES_URL: pg.url() };
    // The API above runs the projections inline: it owns every one of them.
    const refused = await runCliCaptured(['rebuild', '--data-dir', t!.dataDir], env);
    expect(refused.status).toBe(2);
    expect(refused.err).toMatch(/projections catalog, .* are owned by a projector or an API/);

    await t!.close();
    const rebuilt = await runCliCaptured(['rebuild', '--data-dir', t!.dataDir], env);
    expect(rebuilt.err).not.toMatch(/error|failed/);
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.out).toMatch(/catalog: rebuilt \(generation 2, \d+ events\)/);
    const postgres = await connectPostgresReadModels(pg.url());
    try {
      expect(await everyDocument(postgres)).toEqual(expected);
    } finally {
      await postgres.close();
    }
  });
});
