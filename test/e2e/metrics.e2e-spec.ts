import request from 'supertest';
import { bearer, startTestApp, TestApp } from '../support/test-app';

describe('GET /metrics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.dispose();
  });

  it('serves Prometheus text to admins, counting requests by route pattern', async () => {
    await request(t.server).get('/health').expect(200);
    const res = await request(t.server)
      .get('/metrics')
      .set('Authorization', bearer('admin'))
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('# TYPE ledger_http_requests_total counter');
    expect(res.text).toMatch(
      /ledger_http_requests_total\{method="GET",route="\/health",status="200"\} [1-9]/,
    );
    expect(res.text).toMatch(/ledger_store_head_position \d+/);
  });

  it('is refused without a key and to other roles', async () => {
    await request(t.server).get('/metrics').expect(401);
    await request(t.server).get('/metrics').set('Authorization', bearer('analyst')).expect(403);
  });
});
