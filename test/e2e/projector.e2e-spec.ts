import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import request from 'supertest';
import { DataDirLocked } from '@app/event-store/sqlite';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { RUN_TYPESCRIPT } from '../support/typescript-child';
import { appendPoisonedCost, postScenario } from './projections-scenario';

const ROOT = join(__dirname, '..', '..');
const PROJECTOR = join(ROOT, 'apps', 'ledger-projector', 'src', 'main.ts');
const STANDBY_POLL_MS = 100;

/** A projector process on the data dir, its log lines collected. */
interface Projector {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
}

function startProjector(dataDir: string): Projector {
  const child = spawn(process.execPath, [...RUN_TYPESCRIPT, PROJECTOR], {
    cwd: ROOT,
    env: {
      ...process.env,
      LEDGER_DATA_DIR: dataDir,
      LEDGER_LOG_FORMAT: 'json',
      LEDGER_PROJECTOR_STANDBY_POLL_MS: String(STANDBY_POLL_MS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let rest = '';
  const collect = (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

async function until(condition: () => boolean, timeoutMs = 90_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const owns = (p: Projector) => p.lines.some((l) => l.includes('projector: owns'));
const standby = (p: Projector) => p.lines.some((l) => l.includes('projector: standby'));

/**
 * Issue 13: LEDGER_PROJECTIONS=off on the API, the projections and the saga in projector
 * processes on the embedded store, one owner at a time, a standby that takes over.
 */
describe('projector processes beside an API with LEDGER_PROJECTIONS=off', () => {
  let api: TestApp;
  const projectors: Projector[] = [];

  beforeAll(async () => {
    // Ready only while the read models are at the head: a stopped projector shows at once.
    api = await startTestApp({ env: { LEDGER_PROJECTIONS: 'off', LEDGER_READY_MAX_LAG: '0' } });
  });

  afterAll(async () => {
    for (const p of projectors) {
      p.child.kill('SIGTERM');
      await p.exited;
    }
    await api.dispose();
  });

  async function registered(name: string): Promise<{ id: string; position: string }> {
    const id = randomUUID();
    const res = await request(api.server)
      .post('/v1/organizations')
      .set('Authorization', bearer('service'))
      .send({ id, name })
      .expect(201);
    return { id, position: res.body.position as string };
  }

  async function readOwnWrite(id: string, position: string): Promise<string> {
    const res = await request(api.server)
      .get(`/v1/organizations/${id}?minPosition=${position}`)
      .set('Authorization', bearer('analyst'))
      .expect(200);
    return res.body.name as string;
  }

  it('one projector owns the projections, the other stands by; the API reads its writes through them', async () => {
    projectors.push(startProjector(api.dataDir));
    await until(() => owns(projectors[0]));
    projectors.push(startProjector(api.dataDir));
    await until(() => standby(projectors[1]));
    expect(owns(projectors[1])).toBe(false);

    const a = await registered('Provider A');
    expect(await readOwnWrite(a.id, a.position)).toBe('Provider A');
    const list = await request(api.server)
      .get('/v1/admin/projections')
      .set('Authorization', bearer('admin'))
      .expect(200);
    const reports = list.body.projections as { name: string; checkpoint: string | null }[];
    expect(reports.length).toBeGreaterThan(0);
    for (const r of reports)
      expect(BigInt(r.checkpoint ?? '0')).toBeGreaterThanOrEqual(BigInt(a.position));
  }, 180_000);

  it('the standby takes over within seconds when the owner is killed -9, from the shared checkpoints', async () => {
    const [owner, standbyProjector] = projectors;
    const killedAt = Date.now();
    owner.child.kill('SIGKILL');
    await owner.exited;
    await until(() => owns(standbyProjector), 10_000);
    expect(Date.now() - killedAt).toBeLessThan(10_000);

    const b = await registered('Provider B');
    expect(await readOwnWrite(b.id, b.position)).toBe('Provider B');
  }, 60_000);

  it('a rebuild asked of the API is refused with a problem: the projector runs it', async () => {
    const res = await request(api.server)
      .post('/v1/admin/projections/catalog/rebuild')
      .set('Authorization', bearer('admin'))
      .expect(409);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it("with no projector running the API's /health/ready names the projections left behind, and is ready again once one caught up", async () => {
    for (const p of projectors) {
      p.child.kill('SIGTERM');
      await p.exited;
    }
    await registered('Provider C');
    const behind = await request(api.server).get('/health/ready').expect(503);
    expect(behind.body.error.lag.message).toMatch(
      /projections behind the log by more than LEDGER_READY_MAX_LAG \(0\) events: .*catalog 1/,
    );
    const catalog = (behind.body.details.projections.projections as { name: string }[]).find(
      (r) => r.name === 'catalog',
    );
    expect(catalog).toMatchObject({ status: 'catching-up', lag: '1' });

    const restarted = startProjector(api.dataDir);
    projectors.push(restarted);
    await until(() => owns(restarted));
    const started = Date.now();
    let ready = await request(api.server).get('/health/ready');
    while (ready.status !== 200 && Date.now() - started < 30_000) {
      await new Promise((r) => setTimeout(r, 100));
      ready = await request(api.server).get('/health/ready');
    }
    expect(ready.status).toBe(200);
  }, 120_000);

  it("a projection that fails in the projector process shows on the API's /health/ready and /v1/admin/projections, without a stack", async () => {
    const s = await postScenario(api);
    const poisoned = await appendPoisonedCost(api, s);
    const started = Date.now();
    let ready = await request(api.server).get('/health/ready');
    while (ready.body.error?.projections === undefined && Date.now() - started < 30_000) {
      await new Promise((r) => setTimeout(r, 100));
      ready = await request(api.server).get('/health/ready');
    }
    expect(ready.status).toBe(503);
    expect(ready.body.error.projections.message).toContain(
      `projection relationship-summary failed at position ${poisoned.position} (CostRecorded): not an exact decimal`,
    );
    const list = await request(api.server)
      .get('/v1/admin/projections')
      .set('Authorization', bearer('admin'))
      .expect(200);
    const reports = list.body.projections as { name: string; status: string }[];
    expect(reports.find((r) => r.name === 'relationship-summary')).toMatchObject({
      status: 'failed',
      failure: { position: poisoned.position, type: 'CostRecorded' },
    });
    // The others go on (live or catching up as the API last read their checkpoints).
    expect(reports.find((r) => r.name === 'catalog')?.status).not.toBe('failed');
    for (const body of [ready.text, list.text]) expect(body).not.toMatch(/\bat .*\.[jt]s:\d+/);
  }, 120_000);

  it('an API with projections inline refuses to start on the data dir while a projector holds it', async () => {
    // The data dir lock is taken first by the running API; a second one would be refused for
    // that reason already. The projector lock is what a restarted API (projections on) meets.
    await api.close();
    const inline = startTestApp({ dataDir: api.dataDir });
    await expect(inline).rejects.toBeInstanceOf(DataDirLocked);
    await expect(inline).rejects.toThrow(/projector lock .* held by ledger-projector/);
  });
});
