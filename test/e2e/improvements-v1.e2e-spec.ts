import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { post, streamEvents } from '../support/commands';
import { bearer, startTestApp, TEST_API_KEYS, TestApp } from '../support/test-app';

jest.setTimeout(30_000);

/**
 * Improvements recorded by v1 code (schemaVersion 1: no direction, dates, owner, sources or
 * closure) appended through the EventStore port as an upgraded ledger holds them, then read by
 * the register and analytics and carried on by v2 commands (four eyes included).
 */
describe('v1 improvements under v2 code (e2e)', () => {
  let t: TestApp;
  const offeringId = randomUUID();
  const open = randomUUID();
  const closed = randomUUID();
  const V1_KEY = 'v1-service-key-for-e2e';
  const at = (day: number) => `2025-03-${String(day).padStart(2, '0')}T12:00:00.000Z`;
  let last = '0';

  async function appendV1(improvementId: string, type: string, data: object, day: number) {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const result = await store.append(
      `improvement-${improvementId}`,
      [
        {
          eventId: randomUUID(),
          type,
          data: { improvementId, ...data },
          metadata: { actor: 'v1:service', schemaVersion: 1, recordedAt: at(day) },
        },
      ],
      { expectedRevision: 'any' },
    );
    last = result.position;
  }

  const v1Proposal = {
    subject: { offeringId },
    title: 'Faster restores',
    dimension: 'information-and-technology',
    valueChainActivity: 'improve',
    metric: 'restore-minutes',
    baseline: 90,
    target: 30,
  };

  const get = async (path: string) => {
    const res = await request(t.server)
      .get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`)
      .set('Authorization', bearer('analyst'));
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp({
      env: { LEDGER_API_KEYS: `${TEST_API_KEYS},v1:service:${V1_KEY}` },
    });
    await appendV1(open, 'ImprovementProposed', v1Proposal, 1);
    await appendV1(closed, 'ImprovementProposed', v1Proposal, 2);
    await appendV1(closed, 'ImprovementApproved', {}, 3);
    await appendV1(closed, 'ImprovementImplemented', {}, 4);
    await appendV1(closed, 'ImprovementEvaluated', { actual: 25 }, 6);
  });

  afterAll(async () => {
    await t.dispose();
  });

  it('the register reads them in the v2 shape', async () => {
    expect(await get(`/v1/improvements/${closed}`)).toMatchObject({
      direction: 'decrease',
      baseline: 90,
      baselineSource: 'stated',
      targetDate: null,
      owner: null,
      proposedBy: 'v1:service',
      approvedBy: 'v1:service',
      status: 'evaluated',
      actual: 25,
      actualSource: 'stated',
      closure: null,
      targetMet: true,
      benefitRealizedPercent: ((25 - 90) / (30 - 90)) * 100,
      overdue: false,
      stageTimes: { proposedAt: at(2), implementedAt: at(4), evaluatedAt: at(6) },
    });
    const analytics = await get('/v1/analytics/improvements');
    expect(analytics).toMatchObject({
      total: 2,
      byStatus: { proposed: 1, evaluated: 1 },
      successRate: 1,
      overdue: 0,
      benefitRealizedPercent: { median: ((25 - 90) / (30 - 90)) * 100 },
      monthly: [{ month: '2025-03', proposed: 2, evaluated: 1 }],
    });
  });

  it('v2 commands carry a v1 improvement on, its v1 proposer kept out of its approval', async () => {
    const path = `/v1/improvements/${open}`;
    const byProposer = await request(t.server)
      .post(`${path}/approve`)
      .set('Authorization', `Bearer ${V1_KEY}`)
      .send({});
    expect(byProposer.status).toBe(409);
    expect(byProposer.body.rule).toBe('approver-is-proposer');
    await post(t, `${path}/approve`, {}, { role: 'analyst' }).expect(200);
    await post(t, `${path}/implement`, {}).expect(200);
    const evaluated = await post(t, `${path}/evaluate`, {
      actual: 45,
      closure: 'partially-successful',
    }).expect(200);
    last = evaluated.body.position;
    const events = await streamEvents(t, `improvement-${open}`);
    expect(events.map((e) => [e.type, e.metadata.schemaVersion])).toEqual([
      ['ImprovementProposed', 1],
      ['ImprovementApproved', 1],
      ['ImprovementImplemented', 2],
      ['ImprovementEvaluated', 2],
    ]);
    expect(await get(path)).toMatchObject({
      status: 'evaluated',
      actual: 45,
      targetMet: false, // 45 minutes is not down to 30
      closure: 'partially-successful',
      benefitRealizedPercent: 75, // (45 − 90) / (30 − 90) · 100
    });
  });
});
