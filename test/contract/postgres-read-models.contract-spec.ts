import { PostgresReadModelStore } from '../../libs/projections/src/read-model/postgres/postgres-read-model-store';
import { describeReadModelContract } from './support/read-model-contract';
import {
  createTestDatabase,
  postgresUnavailable,
  type TestDatabase,
} from './support/postgres-test-database';

// Runs against the local PostgreSQL server, in a database of its own dropped at the end.
let database: TestDatabase | undefined;
let unavailable = postgresUnavailable();
if (unavailable !== undefined) {
  process.stdout.write(
    `PostgreSQL read-model contract cases skipped: ${unavailable}. Start it (e.g. \`pg_ctlcluster 15 main start\`) or set LEDGER_TEST_POSTGRES_URL.\n`,
  );
}

beforeAll(async () => {
  if (unavailable !== undefined) return;
  const created = await createTestDatabase();
  if ('unavailable' in created) unavailable = created.unavailable;
  else database = created;
}, 30_000);

afterAll(async () => {
  await database?.drop();
}, 30_000);

// Registered as skipped (not passed) when the server is down, so the totals say they did not run.
(unavailable === undefined ? describe : describe.skip)('PostgreSQL read models', () => {
  describeReadModelContract('postgres', {
    open() {
      if (database === undefined) {
        return Promise.reject(new Error(`skipped: ${unavailable ?? 'no database'}`));
      }
      return PostgresReadModelStore.connect({ connectionString: database.url, poolSize: 3 });
    },
  });

  // PostgreSQL only: the writer holds the collections a projection reads, not write-only ones.
  it('refuses to read a write-only collection in apply, except what the batch wrote', async () => {
    const store = await PostgresReadModelStore.connect({ connectionString: database!.url });
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
    const url = database!.url;
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
});
