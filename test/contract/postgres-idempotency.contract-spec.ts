import { PostgresIdempotencyStore } from '../../libs/ledger/src/idempotency/postgres-idempotency-store';
import { describeIdempotencyContract } from './support/idempotency-contract';
import {
  createTestDatabase,
  postgresUnavailable,
  type TestDatabase,
} from './support/postgres-test-database';

// Runs against the local PostgreSQL server, in databases of its own dropped at the end.
const unavailable = postgresUnavailable();
if (unavailable !== undefined) {
  process.stdout.write(
    `PostgreSQL idempotency contract cases skipped: ${unavailable}. Start it (e.g. \`pg_ctlcluster 15 main start\`) or set LEDGER_TEST_POSTGRES_URL.\n`,
  );
}
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
}, 60_000);

// Registered as skipped (not passed) when the server is down, so the totals say they did not run.
(unavailable === undefined ? describe : describe.skip)('PostgreSQL idempotency keys', () => {
  describeIdempotencyContract('postgres', {
    async create() {
      const created = await createTestDatabase();
      if ('unavailable' in created) throw new Error(created.unavailable);
      databases.push(created);
      return {
        open: (now) =>
          PostgresIdempotencyStore.connect({ connectionString: created.url, poolSize: 2, now }),
      };
    },
  });
});
