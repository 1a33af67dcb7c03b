import { Client } from 'pg';
import request from 'supertest';
import { post } from '../support/commands';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { throwAwayDatabaseForFile } from '../contract/support/postgres-test-database';

// Wiring: LEDGER_EVENT_STORE=postgres with LEDGER_POSTGRES_URL opens the PostgreSQL adapter,
// and a command's event lands in that database; the idempotency keys go there too, and the read
// models with LEDGER_READ_MODELS=postgres. The adapters themselves are the contracts
// run in test/contract/postgres*.contract-spec.ts.
const pg = throwAwayDatabaseForFile('PostgreSQL wiring e2e');

(pg.unavailable === undefined ? describe : describe.skip)('LEDGER_EVENT_STORE=postgres', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        LEDGER_EVENT_STORE: 'postgres',
        LEDGER_POSTGRES_URL: pg.url(),
        LEDGER_READ_MODELS: 'postgres',
      },
    });
  }, 60_000);

  afterAll(async () => {
    await t?.dispose();
  }, 30_000);

  it('GET /health names the PostgreSQL store, reachable', async () => {
    const res = await request(t.server).get('/health').expect(200);
    expect(res.body.info.store).toMatchObject({ status: 'up', kind: 'postgres', reachable: true });
  });

  it('a command appends its event to the PostgreSQL log', async () => {
    const created = await post(t, '/v1/organizations', { name: 'Acme IT' }).expect(201);
    const client = new Client({ connectionString: pg.url() });
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

  it('reads its writes from the read models in PostgreSQL, and keeps the Idempotency-Key there', async () => {
    const headers = { 'Idempotency-Key': 'wiring-key-1' };
    const body = { name: 'Bakery Ltd' };
    const created = await post(t, '/v1/organizations', body, { headers }).expect(201);
    const again = await post(t, '/v1/organizations', body, { headers }).expect(201);
    expect(again.body).toEqual(created.body);
    const id = created.body.id as string;
    const res = await request(t.server)
      .get(`/v1/organizations/${id}?minPosition=${created.body.position as string}`)
      .set('Authorization', bearer('analyst'))
      .expect(200);
    expect(res.body).toMatchObject({ id, name: 'Bakery Ltd' });
    const client = new Client({ connectionString: pg.url() });
    await client.connect();
    try {
      const keys = await client.query('SELECT idempotency_key, answer FROM idempotency_keys');
      expect(keys.rows).toEqual([
        { idempotency_key: 'wiring-key-1', answer: JSON.stringify(created.body) },
      ]);
      const events = await client.query('SELECT 1 FROM events WHERE stream_id LIKE $1', [`%${id}`]);
      expect(events.rowCount).toBe(1);
      const checkpoints = await client.query<{ name: string; position: string }>(
        'SELECT name, position FROM ledger_read_models.projection_checkpoints WHERE name = $1',
        ['relationship-summary'],
      );
      expect(BigInt(checkpoints.rows[0].position)).toBeGreaterThanOrEqual(
        BigInt(created.body.position as string),
      );
    } finally {
      await client.end();
    }
  });
});
