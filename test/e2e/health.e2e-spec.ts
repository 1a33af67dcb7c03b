import request from 'supertest';
import { HealthConditions } from '../../apps/ledger-api/src/health/health-conditions';
import { startTestApp, TestApp } from '../support/test-app';
import { appendPoisonedCost, postScenario } from './projections-scenario';

describe('health: live, ready, and /health = ready', () => {
  let t: TestApp;
  const logLines: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      logDestination: { write: (line: string) => void logLines.push(line) },
    });
  });

  afterAll(async () => {
    await t.dispose();
  });

  it('is live and ready without a key, in the terminus shape', async () => {
    const live = await request(t.server).get('/health/live').expect(200);
    expect(live.body.status).toBe('ok');
    for (const path of ['/health/ready', '/health']) {
      const res = await request(t.server).get(path).expect(200);
      expect(res.body).toMatchObject({
        status: 'ok',
        details: {
          store: { status: 'up', kind: 'sqlite', reachable: true },
          disk: { status: 'up', freeBytes: expect.any(Number) },
          projections: { status: 'up', projections: expect.any(Array) },
          lag: { status: 'up', maxLag: 10000 },
        },
      });
    }
  });

  it('is not ready (503, with the reason) while a condition is raised, and ready once cleared', async () => {
    const conditions = t.app.get(HealthConditions);
    conditions.down('disk', 'the store could not write: the disk is full');
    const from = logLines.length;
    try {
      const res = await request(t.server).get('/health/ready').expect(503);
      expect(res.body).toMatchObject({
        status: 'error',
        error: { disk: { status: 'down', message: 'the store could not write: the disk is full' } },
      });
      // Liveness is not readiness: the process still answers.
      await request(t.server).get('/health/live').expect(200);
      // A load balancer polls on.
      await request(t.server).get('/health/ready').expect(503);
      await request(t.server).get('/health').expect(503);
    } finally {
      conditions.up('disk');
    }
    await request(t.server).get('/health/ready').expect(200);
    await request(t.server).get('/health/ready').expect(200);
    // Not ready is expected operations: one warning when it starts, one line when it ends, not
    // a line above info at every poll (an error at every poll would page someone).
    const lines = logLines
      .slice(from)
      .map((line) => JSON.parse(line) as { level: string; msg?: string; context?: string });
    const health = lines.filter((line) => line.context === 'Health');
    expect(health.map(({ level, msg }) => ({ level, msg }))).toEqual([
      { level: 'warn', msg: 'not ready: disk: the store could not write: the disk is full' },
      { level: 'info', msg: 'ready again' },
    ]);
    expect(lines.filter((line) => !['info', 'debug', 'trace'].includes(line.level))).toEqual([
      health[0],
    ]);
  });
});

describe('health: ready is 503 when a projection has failed', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.dispose();
  });

  it('names the failed projection, the position and the error', async () => {
    const s = await postScenario(t);
    await request(t.server).get('/health/ready').expect(200);
    const poisoned = await appendPoisonedCost(t, s);
    let res = await request(t.server).get('/health/ready');
    for (let i = 0; i < 100 && res.status === 200; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      res = await request(t.server).get('/health/ready');
    }
    expect(res.status).toBe(503);
    expect(res.body.error.projections.message).toContain(
      `failed at position ${poisoned.position} (CostRecorded)`,
    );
    expect((await request(t.server).get('/health')).status).toBe(503);
    await request(t.server).get('/health/live').expect(200);
  });
});
