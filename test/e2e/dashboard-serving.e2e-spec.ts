import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** A stand-in for `npm run build:web`'s output: an index and a hashed asset. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><script type="module" src="/assets/index-AbC123.js"></script>',
  );
  writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'console.log("dashboard")');
  return dir;
}

describe('the dashboard at / (static files beside the API)', () => {
  let t: TestApp;
  let webDir: string;

  beforeAll(async () => {
    webDir = fakeBuild();
    t = await startTestApp({ env: { LEDGER_WEB_DIR: webDir } });
  });

  afterAll(async () => {
    await t.dispose();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('serves index.html at / without a key, revalidated on every load', async () => {
    const res = await request(t.server).get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('/assets/index-AbC123.js');
  });

  it('serves hashed assets as immutable for a year', async () => {
    const res = await request(t.server).get('/assets/index-AbC123.js').expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('leaves /docs and the API routes as they are', async () => {
    await request(t.server).get('/docs').expect(200).expect('Content-Type', /html/);
    await request(t.server).get('/docs/openapi.json').expect(200);
    const unauthorized = await request(t.server).get('/v1/offerings').expect(401);
    expect(unauthorized.headers['content-type']).toMatch(/application\/problem\+json/);
    await request(t.server)
      .get('/v1/offerings')
      .set('Authorization', bearer('analyst'))
      .expect(200);
    await request(t.server).get('/health').expect(200);
  });

  it('answers an unknown path with the API 404, not a file', async () => {
    const res = await request(t.server).get('/assets/missing.js').expect(404);
    expect(res.text).not.toContain('dashboard');
    await request(t.server).get('/v1/nothing-here').expect(404);
  });

  it('GET /v1/me answers the caller’s name and role for every role', async () => {
    for (const role of ['service', 'analyst', 'auditor', 'admin'] as const) {
      const res = await request(t.server)
        .get('/v1/me')
        .set('Authorization', bearer(role))
        .expect(200);
      expect(res.body).toEqual({
        name: `test-${role}`,
        role,
        actor: `test-${role}:${role}`,
        open: false,
      });
    }
  });

  it('GET /v1/me refuses no key and an unknown key with the server’s message', async () => {
    const none = await request(t.server).get('/v1/me').expect(401);
    expect(none.body.detail).toMatch(/Authorization: Bearer/);
    const wrong = await request(t.server)
      .get('/v1/me')
      .set('Authorization', 'Bearer not-a-configured-key-0000')
      .expect(401);
    expect(wrong.body.detail).toBe('the API key is not known');
  });
});

describe('the dashboard when the ledger runs open or is not built', () => {
  it('GET /v1/me says open (admin) without keys; / explains how to build', async () => {
    const missing = mkdtempSync(join(tmpdir(), 'ledger-web-none-'));
    const t = await startTestApp({ env: { LEDGER_API_KEYS: '', LEDGER_WEB_DIR: missing } });
    try {
      const me = await request(t.server).get('/v1/me').expect(200);
      expect(me.body).toEqual({ name: 'anonymous', role: 'admin', actor: 'anonymous', open: true });
      const root = await request(t.server).get('/').expect(404);
      expect(root.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(root.body.detail).toMatch(/npm run build:web/);
    } finally {
      await t.dispose();
      rmSync(missing, { recursive: true, force: true });
    }
  });
});
