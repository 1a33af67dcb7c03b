import request from 'supertest';
import { bearer, TestApp } from '../support/test-app';

/** What the browser tests look for, posted through the command API as a service would. */
export interface DashboardScenario {
  offeringId: string;
  offeringName: string;
  relationshipId: string;
  /** In order: overdue (proposed, target date passed), on time (approved), the analyst's own. */
  improvementIds: string[];
  /** recordedAt of the relationship's facts, in log order (for the as-of replay). */
  relationshipRecordedAt: string[];
}

async function post(
  t: TestApp,
  path: string,
  body: object,
  role: 'service' | 'analyst' = 'service',
) {
  const res = await request(t.server).post(path).set('Authorization', bearer(role)).send(body);
  if (res.status !== 200 && res.status !== 201) {
    throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res.body as { id: string; position: string; revision: number };
}

/** Monthly availability: some months breach the 99.9 % target. */
const AVAILABILITY: [string, number][] = [
  ['2026-01', 99.95],
  ['2026-02', 99.4],
  ['2026-03', 99.92],
  ['2026-04', 99.7],
  ['2026-05', 99.97],
];

/** Hours to resolve incidents, at most 8: March breaches. */
const RESOLUTION_HOURS: [string, number][] = [
  ['2026-02', 6.5],
  ['2026-03', 11],
  ['2026-04', 7.25],
];

function monthPeriod(month: string): { start: string; end: string } {
  const [year, m] = month.split('-').map(Number);
  const start = new Date(Date.UTC(year, m - 1, 1)).toISOString();
  const end = new Date(Date.UTC(year, m, 1)).toISOString();
  return { start, end };
}

export async function postDashboardScenario(t: TestApp): Promise<DashboardScenario> {
  const provider = await post(t, '/v1/organizations', { name: 'Acme Managed Services' });
  const consumer = await post(t, '/v1/organizations', { name: 'Northwind Bakery' });
  const second = await post(t, '/v1/organizations', { name: 'Contoso Clinics' });
  const offeringName = 'Managed PostgreSQL';
  // Existing history brought in backdated (SPEC v2 facts in time): the offering took effect in
  // December 2025, the relationship began then, the months measured are January to May 2026.
  const offering = await post(t, '/v1/offerings', {
    providerId: provider.id,
    name: offeringName,
    targetConsumerGroup: 'product teams',
    goods: ['database licence'],
    resourceAccess: ['managed cluster'],
    serviceActions: ['backups', 'patching'],
    utility: ['stores relational data'],
    warranty: {
      serviceLevels: [
        { metric: 'availability', target: 99.9, comparison: 'at-least', unit: 'percent' },
        { metric: 'resolution-hours', target: 8, comparison: 'at-most', unit: 'hours' },
      ],
    },
    effectiveFrom: '2025-12-01T00:00:00Z',
  });
  const relationship = await post(t, '/v1/relationships', {
    providerId: provider.id,
    consumerId: consumer.id,
    occurredAt: '2025-12-15T09:00:00Z',
  });
  const rel = `/v1/relationships/${relationship.id}`;
  await post(t, `${rel}/stakeholders`, {
    role: 'customer',
    name: 'Dana Baker',
    occurredAt: '2025-12-15T09:30:00Z',
  });
  await post(t, `${rel}/stakeholders`, {
    role: 'user',
    name: 'Sam Oven',
    occurredAt: '2025-12-16T10:00:00Z',
  });
  await post(t, `${rel}/provisions`, {
    offeringId: offering.id,
    occurredAt: '2025-12-20T08:00:00Z',
  });
  for (const [month, actual] of AVAILABILITY) {
    await post(t, `${rel}/service-levels`, {
      offeringId: offering.id,
      metric: 'availability',
      actual,
      period: monthPeriod(month),
    });
  }
  for (const [month, actual] of RESOLUTION_HOURS) {
    await post(t, `${rel}/service-levels`, {
      offeringId: offering.id,
      metric: 'resolution-hours',
      actual,
      period: monthPeriod(month),
    });
  }
  await post(t, `${rel}/costs`, {
    effect: 'removed',
    amount: '1250.50',
    currency: 'EUR',
    description: 'own database servers',
    offeringId: offering.id,
    occurredAt: '2026-01-31T12:00:00Z',
  });
  await post(t, `${rel}/costs`, {
    effect: 'imposed',
    amount: '300',
    currency: 'EUR',
    description: 'subscription fee',
    offeringId: offering.id,
    occurredAt: '2026-02-01T00:00:00Z',
  });
  await post(t, `${rel}/risks`, {
    effect: 'removed',
    description: 'data loss',
    severity: 'high',
    offeringId: offering.id,
    occurredAt: '2026-02-15T00:00:00Z',
  });
  await post(t, `${rel}/risks`, {
    effect: 'imposed',
    description: 'vendor lock-in',
    severity: 'medium',
    offeringId: offering.id,
    occurredAt: '2026-02-15T00:00:00Z',
  });
  // A fact recorded by mistake and corrected by retraction: the timeline keeps it, struck through.
  const mistaken = (await post(t, `${rel}/risks`, {
    effect: 'imposed',
    description: 'outage of the old cluster',
    severity: 'critical',
    offeringId: offering.id,
    occurredAt: '2026-02-20T00:00:00Z',
  })) as unknown as { riskId: string };
  await post(t, `${rel}/retractions`, {
    factId: mistaken.riskId,
    reason: 'recorded against the wrong relationship',
  });
  await post(t, `${rel}/reviews`, {
    stakeholderRole: 'customer',
    valueScore: 4,
    occurredAt: '2026-03-31T00:00:00Z',
  });
  await post(t, `${rel}/reviews`, {
    stakeholderRole: 'user',
    valueScore: 3,
    occurredAt: '2026-04-30T00:00:00Z',
  });

  const other = await post(t, '/v1/relationships', {
    providerId: provider.id,
    consumerId: second.id,
    occurredAt: '2026-01-05T00:00:00Z',
  });
  await post(t, `/v1/relationships/${other.id}/provisions`, {
    offeringId: offering.id,
    occurredAt: '2026-01-05T00:00:00Z',
  });

  // Improvements: one overdue (target date passed, still proposed), one on time, and one the
  // analyst proposed itself (so approving it breaks the four-eyes rule).
  const improvementIds: string[] = [];
  const propose = async (
    title: string,
    metric: string,
    baseline: number,
    target: number,
    targetDate: string,
    role: 'service' | 'analyst' = 'service',
  ) => {
    const proposed = await post(
      t,
      '/v1/improvements',
      {
        subject: { offeringId: offering.id },
        title,
        dimension: 'information-and-technology',
        valueChainActivity: 'improve',
        metric,
        direction: target > baseline ? 'increase' : 'decrease',
        baseline,
        target,
        targetDate,
        owner: 'Robin Ops',
        objective: 'databases nobody has to think about',
      },
      role,
    );
    improvementIds.push(proposed.id);
    return proposed.id;
  };
  await propose('Raise database availability', 'availability', 99.5, 99.9, '2026-02-28');
  const onTime = await propose('Faster restore drills', 'restore-minutes', 90, 30, '2099-12-31');
  await post(t, `/v1/improvements/${onTime}/approve`, {}, 'analyst');
  await propose('Automate failover tests', 'failover-minutes', 20, 5, '2099-06-30', 'analyst');

  const history = await request(t.server)
    .get(`/v1/audit/streams/relationship-${relationship.id}`)
    .set('Authorization', bearer('auditor'))
    .expect(200);
  const events = history.body.events as { metadata: { recordedAt: string } }[];
  return {
    offeringId: offering.id,
    offeringName,
    relationshipId: relationship.id,
    improvementIds,
    relationshipRecordedAt: events.map((e) => e.metadata.recordedAt),
  };
}
