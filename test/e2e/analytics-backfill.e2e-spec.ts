import request from 'supertest';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { query } from './projections-scenario';

jest.setTimeout(60_000);

/**
 * The read side of issue 9: a history loaded after the fact (every fact backdated with
 * occurredAt, posted out of order), judged against the warranty revision in force, then
 * corrected by retractions. The trend, the offering analytics, the relationship summary and
 * the relationship list must tell it as it happened.
 */

interface Answer {
  id: string;
  position: string;
  costId?: string;
  measurementId?: string;
}

async function post(t: TestApp, path: string, body: object): Promise<Answer> {
  const res = await request(t.server).post(path).set('Authorization', bearer('service')).send(body);
  if (res.status !== 200 && res.status !== 201) {
    throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res.body as Answer;
}

const at = (day: string) => `${day}T12:00:00.000Z`;

/** The calendar month `YYYY-MM` as a measured period. */
function monthPeriod(month: string): { start: string; end: string } {
  const start = new Date(`${month}-01T00:00:00.000Z`);
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return { start: start.toISOString(), end: end.toISOString() };
}

const DESCRIPTION = {
  name: 'Service desk',
  targetConsumerGroup: 'small firms',
  goods: [],
  resourceAccess: ['portal'],
  serviceActions: ['incident resolution'],
  utility: ['incidents resolved'],
};

const warranty = (resolutionHours: number) => ({
  serviceLevels: [
    { metric: 'availability', target: 99.5, comparison: 'at-least', unit: 'percent' },
    { metric: 'resolution-hours', target: resolutionHours, comparison: 'at-most', unit: 'hours' },
  ],
});

/** Actual values by month: availability ≥ 99.5; resolution-hours ≤ 8, from April ≤ 6. */
const MEASURED: Record<string, { availability: number; 'resolution-hours': number }> = {
  '2025-01': { availability: 99.9, 'resolution-hours': 7 },
  '2025-02': { availability: 99.3, 'resolution-hours': 9 }, // both breached
  '2025-03': { availability: 99.6, 'resolution-hours': 8 },
  '2025-04': { availability: 99.1, 'resolution-hours': 7 }, // both breached (7 > 6)
  '2025-05': { availability: 99.8, 'resolution-hours': 5 },
  '2025-06': { availability: 99.7, 'resolution-hours': 6.5 }, // resolution breached, retracted below
};
/** Posted out of order, as an import of old records would. */
const POSTING_ORDER = ['2025-03', '2025-01', '2025-06', '2025-02', '2025-05', '2025-04'];

describe('analytics of a backfilled history (e2e)', () => {
  let t: TestApp;
  let offeringId: string;
  let relationshipId: string;
  let rel: string;
  let usdCost: Answer;
  let juneResolution: Answer;
  let position: string;
  const others: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const provider = await post(t, '/v1/organizations', { name: 'Acme IT' });
    const consumer = await post(t, '/v1/organizations', { name: 'Bakery Ltd' });
    offeringId = (
      await post(t, '/v1/offerings', {
        providerId: provider.id,
        ...DESCRIPTION,
        warranty: warranty(8),
        effectiveFrom: '2025-01-01T00:00:00.000Z',
      })
    ).id;
    await post(t, `/v1/offerings/${offeringId}/revise`, {
      ...DESCRIPTION,
      warranty: warranty(6),
      effectiveFrom: '2025-04-01T00:00:00.000Z',
    });
    relationshipId = (
      await post(t, '/v1/relationships', {
        providerId: provider.id,
        consumerId: consumer.id,
        occurredAt: at('2025-01-05'),
      })
    ).id;
    rel = `/v1/relationships/${relationshipId}`;
    await post(t, `${rel}/stakeholders`, {
      role: 'customer',
      name: 'Ann',
      occurredAt: at('2025-01-06'),
    });
    await post(t, `${rel}/stakeholders`, {
      role: 'sponsor',
      name: 'Sam',
      occurredAt: at('2025-01-06'),
    });
    await post(t, `${rel}/provisions`, { offeringId, occurredAt: at('2025-01-06') });

    // Costs, risks and reviews, out of order too.
    usdCost = await post(t, `${rel}/costs`, {
      effect: 'imposed',
      amount: '12',
      currency: 'USD',
      description: 'licence posted twice',
      occurredAt: at('2025-03-10'),
    });
    await post(t, `${rel}/costs`, {
      effect: 'removed',
      amount: '0.90',
      currency: 'EUR',
      description: 'printing',
      occurredAt: at('2025-05-02'),
    });
    await post(t, `${rel}/costs`, {
      effect: 'removed',
      amount: '100.10',
      currency: 'EUR',
      description: 'own help desk',
      occurredAt: at('2025-01-20'),
    });
    await post(t, `${rel}/costs`, {
      effect: 'imposed',
      amount: '40.05',
      currency: 'EUR',
      description: 'monthly fee',
      occurredAt: at('2025-02-28'),
    });
    await post(t, `${rel}/risks`, {
      effect: 'imposed',
      description: 'lock-in',
      severity: 'low',
      occurredAt: at('2025-06-15'),
    });
    await post(t, `${rel}/risks`, {
      effect: 'removed',
      description: 'key person leaves',
      severity: 'high',
      occurredAt: at('2025-03-01'),
    });
    await post(t, `${rel}/reviews`, {
      stakeholderRole: 'sponsor',
      valueScore: 5,
      occurredAt: at('2025-06-30'),
    });
    await post(t, `${rel}/reviews`, {
      stakeholderRole: 'customer',
      valueScore: 4,
      occurredAt: at('2025-01-31'),
    });
    await post(t, `${rel}/reviews`, {
      stakeholderRole: 'customer',
      valueScore: 2,
      occurredAt: at('2025-03-31'),
    });
    for (const month of POSTING_ORDER) {
      for (const metric of ['resolution-hours', 'availability'] as const) {
        const answer = await post(t, `${rel}/service-levels`, {
          offeringId,
          metric,
          actual: MEASURED[month][metric],
          period: monthPeriod(month),
        });
        if (month === '2025-06' && metric === 'resolution-hours') juneResolution = answer;
        position = answer.position;
      }
    }

    // Two more relationships on the offering: one breach, and none.
    for (const actual of [99.0, 99.9]) {
      const other = await post(t, '/v1/relationships', {
        providerId: provider.id,
        consumerId: consumer.id,
        occurredAt: at('2025-01-07'),
      });
      others.push(other.id);
      await post(t, `/v1/relationships/${other.id}/provisions`, {
        offeringId,
        occurredAt: at('2025-01-08'),
      });
      position = (
        await post(t, `/v1/relationships/${other.id}/service-levels`, {
          offeringId,
          metric: 'availability',
          actual,
          period: monthPeriod('2025-01'),
        })
      ).position;
    }
  });

  afterAll(async () => {
    await t.dispose();
  });

  const trendOf = async (range = '') =>
    (await query(t, `/v1/analytics/offerings/${offeringId}/trend?minPosition=${position}${range}`))
      .months as { month: string; serviceLevels: Record<string, unknown> }[];

  it('buckets the trend by occurrence month and judges each month against the warranty then in force', async () => {
    const months = await trendOf();
    expect(months.map((m) => m.month)).toEqual([
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
    ]);
    const byMonth = Object.fromEntries(months.map((m) => [m.month, m]));
    expect(byMonth['2025-01']).toMatchObject({
      serviceLevels: {
        // Three relationships measured January: 99.9, 99.0 (a breach) and 99.9.
        availability: {
          measurements: 3,
          breaches: 1,
          target: 99.5,
          mean: 99.6,
          min: 99,
          max: 99.9,
        },
        'resolution-hours': { measurements: 1, breaches: 0, target: 8, mean: 7 },
      },
      valueScore: { customer: { reviews: 1, mean: 4 } },
      costs: { removed: { EUR: '100.1' }, imposed: {}, net: { EUR: '100.1' } },
    });
    expect(byMonth['2025-02']).toMatchObject({
      serviceLevels: {
        availability: { measurements: 1, breaches: 1, mean: 99.3 },
        'resolution-hours': { measurements: 1, breaches: 1, target: 8, mean: 9 },
      },
      costs: { removed: {}, imposed: { EUR: '40.05' }, net: { EUR: '-40.05' } },
    });
    expect(byMonth['2025-03']).toMatchObject({
      serviceLevels: { 'resolution-hours': { breaches: 0, target: 8, mean: 8 } },
      costs: { imposed: { USD: '12' }, net: { USD: '-12' } },
      risks: { removed: { high: 1 } },
    });
    // From April the revision says at most 6 hours: 7 is a breach now.
    expect(byMonth['2025-04']).toMatchObject({
      serviceLevels: {
        availability: { breaches: 1, mean: 99.1 },
        'resolution-hours': { measurements: 1, breaches: 1, target: 6, mean: 7 },
      },
    });
    expect(byMonth['2025-05'].serviceLevels['resolution-hours']).toMatchObject({
      breaches: 0,
      target: 6,
    });
    expect(byMonth['2025-06']).toMatchObject({
      serviceLevels: { 'resolution-hours': { breaches: 1, mean: 6.5 } },
      valueScore: { sponsor: { reviews: 1, mean: 5 } },
      risks: { imposed: { low: 1 } },
    });
    expect((await trendOf('&from=2025-02&to=2025-04')).map((m) => m.month)).toEqual([
      '2025-02',
      '2025-03',
      '2025-04',
    ]);
    expect(await trendOf('&from=2026-01&to=2026-04')).toEqual([]);
  });

  it('puts the worst relationship first', async () => {
    const list = await query(
      t,
      `/v1/relationships?sort=-breaches&offeringId=${offeringId}&minPosition=${position}`,
    );
    expect(list.items.map((r: { id: string }) => r.id)).toEqual([relationshipId, ...others]);
    expect(list.items.map((r: { breaches: number }) => r.breaches)).toEqual([5, 1, 0]);
  });

  it('leaves a retracted cost and measurement out of every total, and the audit keeps both events', async () => {
    await post(t, `${rel}/retractions`, { factId: usdCost.costId, reason: 'posted twice' });
    position = (
      await post(t, `${rel}/retractions`, {
        factId: juneResolution.measurementId,
        reason: 'wrong ticket export',
      })
    ).position;

    const analytics = await query(
      t,
      `/v1/analytics/offerings/${offeringId}?minPosition=${position}`,
    );
    expect(analytics).toMatchObject({
      provisions: 3,
      costs: {
        removed: { EUR: '101' },
        imposed: { EUR: '40.05' },
        net: { EUR: '60.95' },
      },
      risks: {
        removed: { low: 0, medium: 0, high: 1, critical: 0 },
        imposed: { low: 1, medium: 0, high: 0, critical: 0 },
      },
      reviews: 3,
      averageValueScore: 3.67,
      valueScore: { customer: { reviews: 2, mean: 3 }, sponsor: { reviews: 1, mean: 5 } },
    });
    expect(analytics.costs.imposed.USD).toBeUndefined();
    expect(analytics.serviceLevels).toEqual({
      availability: {
        measurements: 8,
        breaches: 3,
        target: 99.5,
        comparison: 'at-least',
        unit: 'percent',
        // (99.9 + 99.0 + 99.9 + 99.3 + 99.6 + 99.1 + 99.8 + 99.7) / 8
        mean: 99.5375,
        min: 99,
        max: 99.9,
      },
      'resolution-hours': {
        measurements: 5,
        breaches: 2,
        // The warranty in force now.
        target: 6,
        comparison: 'at-most',
        unit: 'hours',
        mean: 7.2,
        min: 5,
        max: 9,
      },
    });

    const months = await trendOf();
    const june = months.find((m) => m.month === '2025-06')!;
    expect(Object.keys(june.serviceLevels)).toEqual(['availability']);
    const march = months.find((m) => m.month === '2025-03')!;
    expect(march).toMatchObject({ costs: { removed: {}, imposed: {}, net: {} } });

    const summary = await query(t, `${rel}?minPosition=${position}`);
    expect(summary).toMatchObject({
      breaches: 4,
      counts: { costs: 3, measurements: 11, breaches: 4, reviews: 3, retractions: 2 },
      costs: { removed: { EUR: '101' }, imposed: { EUR: '40.05' }, net: { EUR: '60.95' } },
      establishedAt: '2025-01-05T12:00:00.000Z',
    });

    const audit = await request(t.server)
      .get(`/v1/audit/streams/relationship-${relationshipId}`)
      .set('Authorization', bearer('auditor'));
    const events = audit.body.events as { type: string; data: Record<string, unknown> }[];
    expect(events.some((e) => e.type === 'CostRecorded' && e.data.costId === usdCost.costId)).toBe(
      true,
    );
    expect(events.filter((e) => e.type === 'FactRetracted').map((e) => e.data.factId)).toEqual([
      usdCost.costId,
      juneResolution.measurementId,
    ]);
  });
});
