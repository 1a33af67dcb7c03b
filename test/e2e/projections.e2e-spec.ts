import request from 'supertest';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { analyticsOf, OFFERING_BODY, postScenario, query, Scenario } from './projections-scenario';

jest.setTimeout(30_000);

const UNKNOWN = '99999999-9999-4999-8999-999999999999';

describe('queries answered from projections (e2e)', () => {
  let t: TestApp;
  let s: Scenario;

  beforeAll(async () => {
    t = await startTestApp({ env: { LEDGER_MIN_POSITION_TIMEOUT_MS: '300' } });
    s = await postScenario(t);
  });

  afterAll(async () => {
    await t.dispose();
  });

  it('reads its own writes with minPosition: catalog, summary, analytics, register', async () => {
    const a = (await analyticsOf(t, s, s.position)) as Record<string, request.Response['body']>;
    expect(a.offering).toMatchObject({
      id: s.offeringId,
      providerId: s.providerId,
      providerName: 'Acme IT',
      status: 'published',
      warranty: {
        serviceLevels: [
          { metric: 'availability', target: 99.9, comparison: 'at-least', unit: 'percent' },
        ],
      },
    });
    expect(a.offerings).toMatchObject({ total: 1, nextCursor: null });
    expect(a.relationship).toMatchObject({
      provider: { id: s.providerId, name: 'Acme IT' },
      consumer: { id: s.consumerId, name: 'Bakery Ltd' },
      status: 'active',
      offerings: [s.offeringId],
      counts: {
        provisions: 1,
        outputs: 1,
        outcomes: 1,
        costs: 3,
        risks: 2,
        measurements: 2,
        breaches: 1,
        reviews: 2,
      },
      costs: {
        removed: { EUR: '0.3' },
        imposed: { USD: '1250.5' },
        net: { EUR: '0.3', USD: '-1250.5' },
      },
      risks: { removed: { high: 1, medium: 0 }, imposed: { medium: 1, high: 0 } },
      averageValueScore: 4.5,
    });
    expect(a.relationship.stakeholders.map((x: { role: string }) => x.role)).toEqual([
      'customer',
      'user',
      'sponsor',
    ]);
    // SPEC.md's shape of offering analytics, exactly, plus extra fields.
    expect(a.offeringAnalytics).toMatchObject({
      provisions: 1,
      outputs: 1,
      outcomes: 1,
      costs: {
        removed: { EUR: '0.3' },
        imposed: { USD: '1250.5' },
        net: { EUR: '0.3', USD: '-1250.5' },
      },
      risks: { removed: { high: 1, medium: 0 }, imposed: { medium: 1, high: 0 } },
      serviceLevels: {
        availability: {
          measurements: 2,
          breaches: 1,
          target: 99.9,
          comparison: 'at-least',
          unit: 'percent',
          mean: 99.725,
          min: 99.5,
          max: 99.95,
        },
      },
      averageValueScore: 4.5,
    });
    // Measurements go to the month of their period; the other facts to when they occurred.
    expect(a.trend.months).toHaveLength(2);
    expect(a.trend.months[0]).toMatchObject({
      month: '2026-03',
      serviceLevels: { availability: { measurements: 2, breaches: 1 } },
      outcomes: 0,
    });
    expect(a.trend.months[1]).toMatchObject({ outputs: 1, outcomes: 1, serviceLevels: {} });
    expect(a.improvementAnalytics).toMatchObject({
      total: 1,
      byStatus: { proposed: 0, approved: 0, rejected: 0, implemented: 0, evaluated: 1 },
      byDimension: { 'value-streams-and-processes': 1, 'information-and-technology': 0 },
      byValueChainActivity: { improve: 1, plan: 0 },
      successRate: 0,
      benefitRealizedPercent: { mean: 75, median: 75 },
    });
    expect(a.improvements.items).toHaveLength(1);
    expect(a.improvements.items[0]).toMatchObject({
      id: s.improvementId,
      status: 'evaluated',
      baseline: 10,
      target: 2,
      actual: 4,
      targetMet: false,
      benefitRealizedPercent: 75,
      proposedBy: 'test-service:service',
      approvedBy: 'test-analyst:analyst',
    });
    const evaluated = await query(t, '/v1/improvements?status=evaluated');
    expect(evaluated.total).toBe(1);
    expect((await query(t, '/v1/improvements?status=proposed')).total).toBe(0);
  });

  it('pages the catalog by cursor and by offset, and filters by status and provider', async () => {
    const ids: string[] = [s.offeringId];
    let position = s.position;
    for (let i = 0; i < 3; i++) {
      const res = await request(t.server)
        .post('/v1/offerings')
        .set('Authorization', bearer('service'))
        .send({ providerId: s.providerId, ...OFFERING_BODY, name: `Offering ${i}` });
      ids.push(res.body.id);
      position = res.body.position;
    }
    const retired = await request(t.server)
      .post(`/v1/offerings/${ids[1]}/retire`)
      .set('Authorization', bearer('service'))
      .send({});
    position = retired.body.position;
    const first = await query(t, `/v1/offerings?limit=3&minPosition=${position}`);
    expect(first.total).toBe(4);
    expect(first.items).toHaveLength(3);
    const second = await query(t, `/v1/offerings?limit=3&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items].map((o: { id: string }) => o.id);
    expect([...all].sort()).toEqual([...ids].sort());
    const byOffset = await query(t, '/v1/offerings?limit=2&offset=2');
    expect(byOffset.items.map((o: { id: string }) => o.id)).toEqual(all.slice(2, 4));
    expect(
      (await query(t, '/v1/offerings?status=retired')).items.map((o: { id: string }) => o.id),
    ).toEqual([ids[1]]);
    expect((await query(t, '/v1/offerings?status=published')).total).toBe(3);
    expect((await query(t, `/v1/offerings?providerId=${s.consumerId}`)).total).toBe(0);
  });

  it('answers 404 problem+json for unknown ids', async () => {
    for (const path of [
      `/v1/offerings/${UNKNOWN}`,
      `/v1/relationships/${UNKNOWN}`,
      `/v1/analytics/offerings/${UNKNOWN}`,
      `/v1/analytics/offerings/${UNKNOWN}/trend`,
    ]) {
      const res = await request(t.server).get(path).set('Authorization', bearer('analyst'));
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('answers 400 problem+json naming the parameter for bad query params', async () => {
    const cases: [string, string][] = [
      ['/v1/offerings?limit=0', 'limit'],
      ['/v1/offerings?limit=abc', 'limit'],
      ['/v1/offerings?status=draft', 'status'],
      ['/v1/offerings?providerId=nope', 'providerId'],
      ['/v1/offerings?minPosition=-1', 'minPosition'],
      ['/v1/offerings?cursor=abc&offset=1', 'offset'],
      ['/v1/offerings?colour=red', 'colour'],
      ['/v1/improvements?status=done', 'status'],
      ['/v1/offerings/not-a-uuid', 'id'],
      [`/v1/analytics/offerings/${UNKNOWN}/trend?from=2026-13`, 'from'],
    ];
    for (const [path, field] of cases) {
      const res = await request(t.server).get(path).set('Authorization', bearer('analyst'));
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('answers 503 problem+json with the current position when minPosition is not reached in time', async () => {
    const started = Date.now();
    const res = await request(t.server)
      .get(`/v1/analytics/improvements?minPosition=${BigInt(s.position) + 1000n}`)
      .set('Authorization', bearer('analyst'));
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(BigInt(res.body.position)).toBeGreaterThanOrEqual(BigInt(s.position));
  });

  it('lets analysts, auditors and admins query, and not services', async () => {
    for (const [role, status] of [
      ['analyst', 200],
      ['auditor', 200],
      ['admin', 200],
      ['service', 403],
    ] as const) {
      const res = await request(t.server)
        .get('/v1/analytics/improvements')
        .set('Authorization', bearer(role));
      expect({ role, status: res.status }).toEqual({ role, status });
    }
    expect((await request(t.server).get('/v1/offerings')).status).toBe(401);
    const admin = await request(t.server)
      .get('/v1/admin/projections')
      .set('Authorization', bearer('analyst'));
    expect(admin.status).toBe(403);
  });
});
