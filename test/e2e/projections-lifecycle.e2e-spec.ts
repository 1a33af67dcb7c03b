import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import { CatalogProjection, ProjectionReport } from '@app/projections';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import {
  analyticsOf,
  appendPoisonedCost,
  postScenario,
  query,
  Scenario,
} from './projections-scenario';

const READ_MODELS = 'read-models.db';
/** Enough events that a catch-up one event per batch takes far longer than a boot and a stop. */
const BULK = 10_000;

// Boots, restarts and a 10,000-event catch-up on a machine shared with other suites.
jest.setTimeout(60_000);

function removeReadModels(dataDir: string): void {
  for (const suffix of ['', '-wal', '-shm'])
    rmSync(join(dataDir, READ_MODELS + suffix), { force: true });
}

/** Checkpoints as committed in the read-model file (the app must be stopped or idle). */
function storedCheckpoints(
  dataDir: string,
): Record<string, { position: string | null; version: number; generation: number }> {
  const db = new Database(join(dataDir, READ_MODELS), { readonly: true });
  try {
    const rows = db
      .prepare('SELECT name, position, version, generation FROM projection_checkpoints')
      .all() as {
      name: string;
      position: string | null;
      version: number;
      generation: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.name, r]));
  } finally {
    db.close();
  }
}

async function admin(t: TestApp): Promise<{ projections: ProjectionReport[] }> {
  const res = await request(t.server)
    .get('/v1/admin/projections')
    .set('Authorization', bearer('admin'));
  expect(res.status).toBe(200);
  return res.body;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Many value-co-creation facts at once, appended as the command side would store them. */
async function appendCosts(
  store: EventStore,
  s: Scenario,
  count: number,
  amount = '0.07',
): Promise<string> {
  const events = Array.from({ length: count }, (_, i) => ({
    eventId: randomUUID(),
    type: 'CostRecorded',
    data: {
      relationshipId: s.relationshipId,
      costId: randomUUID(),
      effect: i % 3 === 0 ? 'imposed' : 'removed',
      amount,
      currency: i % 2 === 0 ? 'EUR' : 'USD',
      description: `cost ${i}`,
      offeringId: s.offeringId,
    },
    metadata: { actor: 'bulk:service' },
  }));
  const result = await store.append(`relationship-${s.relationshipId}`, events, {
    expectedRevision: 'any',
  });
  return result.position;
}

describe('projection lifecycle (e2e): restart, rebuild, version bump', () => {
  let t: TestApp;
  let s: Scenario;
  let head: string;
  let baseline: unknown;

  beforeAll(async () => {
    t = await startTestApp();
    s = await postScenario(t);
    head = await appendCosts(t.app.get<EventStore>(EVENT_STORE), s, BULK);
    baseline = await analyticsOf(t, s, head);
  });

  afterAll(async () => {
    await t.dispose();
  });

  it('a restart in the middle of catching up gives the same analytics as an uninterrupted run', async () => {
    await t.close();
    removeReadModels(t.dataDir);
    const interrupted = await startTestApp({
      dataDir: t.dataDir,
      env: { LEDGER_PROJECTION_BATCH_SIZE: '1' },
    });
    await interrupted.close(); // stops between two batches of the catch-up
    const mid = storedCheckpoints(t.dataDir)['relationship-summary'].position;
    expect(BigInt(mid ?? '0')).toBeLessThan(BigInt(head));
    t = await startTestApp({ dataDir: t.dataDir, env: { LEDGER_PROJECTION_BATCH_SIZE: '7' } });
    expect(await analyticsOf(t, s, head)).toEqual(baseline);
    const summary = await query(t, `/v1/relationships/${s.relationshipId}`);
    expect(summary.counts.costs).toBe(BULK + 3);
  });

  it('a rebuild on demand swaps in an identical copy, per projection', async () => {
    const before = await admin(t);
    for (const { name, generation } of before.projections) {
      const res = await request(t.server)
        .post(`/v1/admin/projections/${name}/rebuild`)
        .set('Authorization', bearer('admin'));
      expect(res.status).toBe(202);
      expect(res.body.rebuild).toMatchObject({ generation: generation + 1 });
      await until(`${name} rebuilt`, async () => {
        const report = (await admin(t)).projections.find((p) => p.name === name)!;
        if (report.rebuild?.status === 'failed')
          throw new Error(report.rebuild.error ?? 'rebuild failed');
        return report.rebuild?.status === 'completed' ? report : undefined;
      });
      expect(await analyticsOf(t, s, head)).toEqual(baseline);
    }
    const after = await admin(t);
    for (const p of after.projections) {
      expect(p).toMatchObject({ status: 'live', lag: '0', checkpoint: head, failure: null });
      expect(p.generation).toBe(before.projections.find((b) => b.name === p.name)!.generation + 1);
    }
    const unknown = await request(t.server)
      .post('/v1/admin/projections/nope/rebuild')
      .set('Authorization', bearer('admin'));
    expect(unknown.status).toBe(404);
    const forbidden = await request(t.server)
      .post('/v1/admin/projections/catalog/rebuild')
      .set('Authorization', bearer('analyst'));
    expect(forbidden.status).toBe(403);
  });

  it('/health shows each projection with checkpoint, lag, status and rebuild progress', async () => {
    const res = await request(t.server).get('/health');
    expect(res.status).toBe(200);
    const { projections } = res.body.details.projections;
    const names = projections.map((p: { name: string }) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'catalog',
        'relationship-summary',
        'offering-analytics',
        'improvement-register',
      ]),
    );
    expect(projections[0]).toMatchObject({ checkpoint: head, lag: '0', status: 'live' });
    expect(projections[0]).toHaveProperty('rebuild');
  });

  it('a bumped projection version rebuilds it from the start at boot', async () => {
    await t.close();
    const before = storedCheckpoints(t.dataDir).catalog;
    const db = new Database(join(t.dataDir, READ_MODELS));
    // An older version of the catalog, with a document that only a rebuild would put right.
    db.prepare("UPDATE projection_checkpoints SET version = 0 WHERE name = 'catalog'").run();
    db.prepare(
      `UPDATE rm_catalog_g${before.generation}_offerings SET doc = json_set(doc, '$.status', 'bogus')`,
    ).run();
    db.close();
    t = await startTestApp({ dataDir: t.dataDir });
    expect(await analyticsOf(t, s, head)).toEqual(baseline);
    const catalog = (await admin(t)).projections.find((p) => p.name === 'catalog')!;
    expect(catalog).toMatchObject({
      version: new CatalogProjection().version,
      generation: before.generation + 1,
      checkpoint: head,
    });
  });
});

describe('availability breach saga (e2e)', () => {
  let t: TestApp;
  let s: Scenario;

  beforeAll(async () => {
    t = await startTestApp();
    s = await postScenario(t);
  });

  afterAll(async () => {
    await t.dispose();
  });

  let month = 3;
  /** One breach or not per month, in period order: April, May, June, … 2026. */
  const measure = async (actual: number) => {
    month += 1;
    const start = new Date(Date.UTC(2026, month - 1, 1)).toISOString();
    const end = new Date(Date.UTC(2026, month, 1)).toISOString();
    const res = await request(t.server)
      .post(`/v1/relationships/${s.relationshipId}/service-levels`)
      .set('Authorization', bearer('service'))
      .send({
        offeringId: s.offeringId,
        metric: 'availability',
        target: 99.9,
        actual,
        period: { start, end },
      });
    expect(res.status).toBeLessThan(300);
    return res.body.position as string;
  };

  async function systemProposals(store: EventStore): Promise<RecordedEvent[]> {
    const found: RecordedEvent[] = [];
    for await (const e of store.readAll()) {
      if (e.type === 'ImprovementProposed' && e.metadata.actor === 'system') found.push(e);
    }
    return found;
  }

  it('proposes one improvement after three breaches in a row, and never again on restart or rebuild', async () => {
    await measure(99.95); // meets the target: the streak starts from zero
    await measure(98.1);
    await measure(97.5);
    const last = await measure(97);
    // The ledger's proposals on the offering (the scenario proposed one on it too).
    const proposals = async (minPosition: string) => {
      const page = await query(
        t,
        `/v1/improvements?subjectId=${s.offeringId}&minPosition=${minPosition}`,
      );
      const items = (page.items as { proposedBy: string }[]).filter(
        (i) => i.proposedBy === 'system',
      );
      return { total: items.length, items };
    };
    const proposal = await until('the automatic proposal', async () => {
      const page = await proposals(last);
      return page.total > 0 ? page : undefined;
    });
    expect(proposal.total).toBe(1);
    const store = t.app.get<EventStore>(EVENT_STORE);
    const measurements: RecordedEvent[] = [];
    for await (const e of store.readStream(`relationship-${s.relationshipId}`)) {
      if (e.type === 'ServiceLevelMeasured') measurements.push(e);
    }
    const streak = measurements.slice(-3);
    expect(proposal.items[0]).toMatchObject({
      status: 'proposed',
      proposedBy: 'system',
      causationId: streak[2].eventId,
      dimension: 'information-and-technology',
      valueChainActivity: 'improve',
      metric: 'availability',
      direction: 'increase',
      baseline: expect.closeTo((98.1 + 97.5 + 97) / 3, 9),
      target: 99.9,
      // 90 days after the end of the streak's last period (July 2026).
      targetDate: '2026-10-30',
      subject: { offeringId: s.offeringId },
      cause: {
        relationshipId: s.relationshipId,
        measurementIds: streak.map((e) => e.data.measurementId),
      },
    });
    // A fourth breach continues the same streak: nothing new.
    const fourth = await measure(96);
    await new Promise((r) => setTimeout(r, 200));
    expect((await proposals(fourth)).total).toBe(1);

    t = await t.restart();
    await new Promise((r) => setTimeout(r, 300));
    expect(await systemProposals(t.app.get<EventStore>(EVENT_STORE))).toHaveLength(1);

    await t.close();
    removeReadModels(t.dataDir);
    t = await startTestApp({ dataDir: t.dataDir });
    const head = (await t.app.get<EventStore>(EVENT_STORE).headPosition())!;
    expect((await proposals(head)).total).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(await systemProposals(t.app.get<EventStore>(EVENT_STORE))).toHaveLength(1);
  });
});

describe('a failing projection (e2e)', () => {
  let t: TestApp;
  let s: Scenario;

  beforeAll(async () => {
    t = await startTestApp({ env: { LEDGER_MIN_POSITION_TIMEOUT_MS: '200' } });
    s = await postScenario(t);
  });

  afterAll(async () => {
    await t.dispose();
  });

  it('is stopped and reported with the event and the error; the others and the API go on', async () => {
    const poisoned = await appendPoisonedCost(t, s);
    const failed = await until('the failure report', async () => {
      const reports = (await admin(t)).projections;
      return reports.find((p) => p.name === 'relationship-summary')?.status === 'failed'
        ? reports
        : undefined;
    });
    const byName = Object.fromEntries(failed.map((p) => [p.name, p]));
    expect(byName['relationship-summary'].failure).toMatchObject({
      position: poisoned.position,
      type: 'CostRecorded',
      error: expect.stringContaining('not an exact decimal'),
    });
    expect(byName['offering-trend'].status).toBe('failed');
    expect(byName.catalog).toMatchObject({
      status: 'live',
      checkpoint: poisoned.position,
      failure: null,
    });

    // The API still answers, from every projection (the failed ones as of their last batch).
    const res = await request(t.server)
      .post('/v1/offerings')
      .set('Authorization', bearer('service'))
      .send({
        providerId: s.providerId,
        name: 'Second offering',
        targetConsumerGroup: 'x',
        goods: [],
        resourceAccess: [],
        serviceActions: [],
        utility: [],
        warranty: { availabilityTarget: 99 },
      });
    expect(res.status).toBe(201);
    await until('the catalog to go on', async () =>
      (await query(t, `/v1/offerings/${res.body.id}`).catch(() => undefined)) ? true : undefined,
    );
    expect((await query(t, `/v1/relationships/${s.relationshipId}`)).counts.costs).toBe(3);
    const behind = await request(t.server)
      .get(`/v1/offerings?minPosition=${res.body.position}`)
      .set('Authorization', bearer('analyst'));
    expect(behind.status).toBe(503);
    // Not ready while a projection has failed (503, with the projection named).
    const health = await request(t.server).get('/health');
    expect(health.status).toBe(503);
    expect(
      health.body.details.projections.projections.find(
        (p: { name: string }) => p.name === 'relationship-summary',
      ).status,
    ).toBe('failed');
  });
});
