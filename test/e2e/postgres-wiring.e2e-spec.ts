import { Client } from 'pg';
import request from 'supertest';
import { post } from '../support/commands';
import { startTestApp, TestApp } from '../support/test-app';
import {
  createTestDatabase,
  postgresUnavailable,
  type TestDatabase,
} from '../contract/support/postgres-test-database';

// Wiring: LEDGER_EVENT_STORE=postgres with LEDGER_POSTGRES_URL opens the PostgreSQL adapter,
// and a command's event lands in that database. The adapter itself is the contract run in
// test/contract/postgres.contract-spec.ts.
const unavailable = postgresUnavailable();
if (unavailable !== undefined) {
  process.stdout.write(`PostgreSQL wiring e2e skipped: ${unavailable}\n`);
}

(unavailable === undefined ? describe : describe.skip)('LEDGER_EVENT_STORE=postgres', () => {
  let database: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    const created = await createTestDatabase();
    if ('unavailable' in created) throw new Error(created.unavailable);
    database = created;
    t = await startTestApp({
      env: { LEDGER_EVENT_STORE: 'postgres', LEDGER_POSTGRES_URL: database.url },
    });
  }, 60_000);

  afterAll(async () => {
    await t?.dispose();
    await database?.drop();
  }, 30_000);

  it('GET /health names the PostgreSQL store, reachable', async () => {
    const res = await request(t.server).get('/health').expect(200);
    expect(res.body.info.store).toMatchObject({ status: 'up', kind: 'postgres', reachable: true });
  });

  it('a command appends its event to the PostgreSQL log', async () => {
    const created = await post(t, '/v1/organizations', { name: 'Acme IT' }).expect(201);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ type: string; position: string }>(
        'SELECT type, position FROM events WHERE stream_id LIKE $1',
        [`%${created.body.id as string}`],
      );
      expect(rows.map((r) => r.type)).toEqual(['OrganizationRegistered']);
      expect(rows[0].position).toBe(created.body.position);
    } finally {
      await client.end();
    }
  });
});
