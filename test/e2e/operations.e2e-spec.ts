import request from 'supertest';
import { offeringBody, post, streamEvents } from '../support/commands';
import { bearer, startTestApp, TEST_KEYS, TestApp } from '../support/test-app';
import { postScenario } from './projections-scenario';

/** Collects the app's log lines as they are written. */
class LogSink {
  readonly lines: string[] = [];
  write(chunk: string): void {
    for (const line of chunk.split('\n')) if (line.trim() !== '') this.lines.push(line);
  }
  records(): Record<string, unknown>[] {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

const WRONG_KEY = 'not-a-real-key-but-secret-0001';

describe('operations: logs, correlation ids, headers, Location', () => {
  let t: TestApp;
  const logs = new LogSink();

  beforeAll(async () => {
    t = await startTestApp({ logDestination: logs, env: { LEDGER_LOG_LEVEL: 'trace' } });
  });

  afterAll(async () => {
    await t.dispose();
  });

  it('answers 201 with Location naming the new aggregate', async () => {
    const org = await post(t, '/v1/organizations', { name: 'Acme Hosting' }).expect(201);
    expect(org.headers.location).toBe(`/v1/organizations/${org.body.id}`);
    const offering = await post(t, '/v1/offerings', offeringBody(org.body.id)).expect(201);
    expect(offering.headers.location).toBe(`/v1/offerings/${offering.body.id}`);
    const other = await post(t, '/v1/organizations', { name: 'Beta Retail' }).expect(201);
    const rel = await post(t, '/v1/relationships', {
      providerId: org.body.id,
      consumerId: other.body.id,
    }).expect(201);
    expect(rel.headers.location).toBe(`/v1/relationships/${rel.body.id}`);
    const output = await post(t, `/v1/relationships/${rel.body.id}/outputs`, {
      description: 'mailboxes set up',
    }).expect(200);
    expect(output.headers.location).toBeUndefined();
  });

  it('echoes X-Correlation-Id and stores the same id in the events', async () => {
    const sent = await post(
      t,
      '/v1/organizations',
      { name: 'Gamma' },
      {
        headers: { 'X-Correlation-Id': 'change-4711' },
      },
    ).expect(201);
    expect(sent.headers['x-correlation-id']).toBe('change-4711');
    const [event] = await streamEvents(t, sent.body.streamId);
    expect(event.metadata.correlationId).toBe('change-4711');

    const made = await post(t, '/v1/organizations', { name: 'Delta' }).expect(201);
    const madeId = made.headers['x-correlation-id'];
    expect(madeId).toMatch(/^[0-9a-f-]{36}$/);
    const [madeEvent] = await streamEvents(t, made.body.streamId);
    expect(madeEvent.metadata.correlationId).toBe(madeId);

    // Every answer carries one, errors and public routes too.
    const refused = await request(t.server).get('/v1/offerings').expect(401);
    expect(refused.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    const health = await request(t.server).get('/health/live').expect(200);
    expect(health.headers['x-correlation-id']).toBeDefined();
  });

  it('sends security headers, and no-store on API answers but not on static files', async () => {
    const api = await request(t.server)
      .get('/v1/offerings')
      .set('Authorization', bearer('analyst'))
      .expect(200);
    expect(api.headers['cache-control']).toBe('no-store');
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['strict-transport-security']).toBeDefined();
    const csp = String(api.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('upgrade-insecure-requests');

    const problem = await request(t.server).get('/v1/offerings').expect(401);
    expect(problem.headers['cache-control']).toBe('no-store');

    // The OpenAPI UI works under that policy: every script it loads is a file of this origin.
    const docs = await request(t.server).get('/docs').redirects(1).expect(200);
    const scripts = [...docs.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="[^"]+"/);
      expect(body.trim()).toBe('');
    }
    const asset = /src="([^"]+\.js)"/.exec(docs.text)?.[1] ?? '';
    const file = await request(t.server)
      .get(new URL(asset, 'http://ledger/docs').pathname)
      .expect(200);
    expect(file.headers['cache-control']).not.toBe('no-store');
  });

  it('writes one JSON line per request with the request fields, and app logs with the same', async () => {
    logs.lines.length = 0;
    await post(
      t,
      '/v1/organizations',
      { name: 'Epsilon' },
      {
        headers: { 'X-Correlation-Id': 'log-check-1' },
      },
    ).expect(201);
    const records = logs.records();
    const line = records.find((r) => r.msg === 'request' && r.correlationId === 'log-check-1');
    expect(line).toEqual(
      expect.objectContaining({
        level: 'info',
        method: 'POST',
        route: '/v1/organizations',
        status: 201,
        ms: expect.any(Number),
        reqId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        actor: 'test-service:service',
        command: 'RegisterOrganization',
        time: expect.any(String),
      }),
    );
    // Every record is one object on one line with a time and a level.
    for (const record of records) {
      expect(typeof record.time).toBe('string');
      expect(typeof record.level).toBe('string');
    }
  });

  it('logs an application line written during a request with that request`s fields', async () => {
    logs.lines.length = 0;
    // An unexpected failure is logged by the error filter inside the request.
    await request(t.server)
      .get('/v1/relationships/00000000-0000-4000-8000-000000000000')
      .set('Authorization', bearer('analyst'))
      .set('X-Correlation-Id', 'log-check-2');
    const inside = logs
      .records()
      .filter((r) => r.correlationId === 'log-check-2' && r.msg !== 'request');
    for (const record of inside) {
      expect(record).toEqual(
        expect.objectContaining({ reqId: expect.any(String), actor: 'test-analyst:analyst' }),
      );
    }
  });

  it('never logs a key, over a full scenario with every role and refused keys', async () => {
    logs.lines.length = 0;
    const scenario = await postScenario(t);
    for (const role of Object.keys(TEST_KEYS) as (keyof typeof TEST_KEYS)[]) {
      await request(t.server)
        .get(`/v1/relationships/${scenario.relationshipId}`)
        .set('Authorization', bearer(role));
      await request(t.server).get('/v1/audit/verify').set('Authorization', bearer(role));
      await request(t.server).get('/metrics').set('Authorization', bearer(role));
    }
    await request(t.server).get('/v1/offerings').set('Authorization', `Bearer ${WRONG_KEY}`);
    await request(t.server).get('/v1/offerings').set('Authorization', WRONG_KEY);
    await post(t, '/v1/organizations', { name: 'x', apiKey: TEST_KEYS.service }).expect(400);
    const text = logs.lines.join('\n');
    expect(logs.lines.length).toBeGreaterThan(20);
    for (const key of [...Object.values(TEST_KEYS), WRONG_KEY]) {
      expect(text).not.toContain(key);
    }
    expect(text).not.toMatch(/authorization/i);
  });
});

describe('operations: rate limit per key', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { LEDGER_RATE_LIMIT: '3' } });
  });

  afterAll(async () => {
    await t.dispose();
  });

  it('answers 429 problem+json with Retry-After past LEDGER_RATE_LIMIT a minute, per key', async () => {
    const analyst = () =>
      request(t.server).get('/v1/offerings').set('Authorization', bearer('analyst'));
    for (let i = 0; i < 3; i += 1) await analyst().expect(200);
    const refused = await analyst().expect(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toEqual(
      expect.objectContaining({ status: 429, title: 'Too many requests' }),
    );
    // Another key has its own budget; health checks are not limited.
    await request(t.server)
      .get('/v1/offerings')
      .set('Authorization', bearer('auditor'))
      .expect(200);
    for (let i = 0; i < 5; i += 1) await request(t.server).get('/health/live').expect(200);
  });
});
