import request from 'supertest';
import { offeringBody, post } from '../support/commands';
import { SseClient } from '../support/sse-client';
import { bearer, startTestApp, TestApp } from '../support/test-app';

describe('GET /metrics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.dispose();
  });

  async function scrape(): Promise<string> {
    const res = await request(t.server)
      .get('/metrics')
      .set('Authorization', bearer('admin'))
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    return res.text;
  }

  it('serves Prometheus text to admins, counting requests by route pattern and status', async () => {
    await request(t.server).get('/health').expect(200);
    const text = await scrape();
    expect(text).toContain('# TYPE ledger_http_requests_total counter');
    expect(text).toMatch(
      /ledger_http_requests_total\{method="GET",route="\/health",status="200"\} [1-9]/,
    );
    expect(text).toMatch(
      /ledger_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/health",status="200"\} \d+/,
    );
    expect(text).toMatch(/ledger_store_head_position \d+/);
    // prom-client's default process metrics.
    expect(text).toMatch(/process_cpu_user_seconds_total \d/);
    expect(text).toMatch(/nodejs_eventloop_lag_seconds \d/);
    expect(text).toMatch(/nodejs_heap_size_used_bytes \d/);
  });

  it('counts commands by type and outcome, and group commits by size and time', async () => {
    const org = await post(t, '/v1/organizations', { name: 'Acme' }).expect(201);
    await post(t, '/v1/offerings', offeringBody(org.body.id)).expect(201);
    // A retirement of an unknown offering: the command reaches the bus and is refused (404).
    await post(t, '/v1/offerings/00000000-0000-4000-8000-000000000000/retire', {}).expect(404);
    const text = await scrape();
    expect(text).toMatch(
      /ledger_commands_total\{type="RegisterOrganization",outcome="accepted"\} 1/,
    );
    expect(text).toMatch(/ledger_commands_total\{type="\w+",outcome="refused"\} 1/);
    expect(text).toMatch(/ledger_store_commit_batch_size_count [1-9]/);
    expect(text).toMatch(/ledger_store_commit_seconds_bucket\{le="\+Inf"\} [1-9]/);
  });

  it('shows each projection`s position, lag and state, and the event-stream clients', async () => {
    const text = await scrape();
    expect(text).toMatch(/ledger_projection_position\{projection="catalog"\} \d+/);
    expect(text).toMatch(/ledger_projection_lag_events\{projection="catalog"\} \d+/);
    expect(text).toMatch(/ledger_projection_state\{projection="catalog",state="live"\} 1/);
    expect(text).toMatch(/ledger_projection_state\{projection="catalog",state="failed"\} 0/);
    expect(text).toMatch(/ledger_event_stream_clients 0/);

    await t.app.listen(0, '127.0.0.1');
    const client = await SseClient.open(t, '/v1/events/stream', {
      authorization: bearer('analyst'),
    });
    if (!(client instanceof SseClient)) throw new Error(`stream answered ${client.statusCode}`);
    try {
      expect(await scrape()).toMatch(/ledger_event_stream_clients 1/);
    } finally {
      client.close();
    }
  });

  it('is refused without a key and to other roles', async () => {
    await request(t.server).get('/metrics').expect(401);
    await request(t.server).get('/metrics').set('Authorization', bearer('analyst')).expect(403);
  });
});
