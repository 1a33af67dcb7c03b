import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AppendResult, EVENT_STORE, EventStore } from '@app/event-store';
import { bearer, TestApp } from '../support/test-app';

/** Ids and positions of a scenario posted through the command API. */
export interface Scenario {
  providerId: string;
  consumerId: string;
  offeringId: string;
  relationshipId: string;
  improvementId: string;
  /** Position of the last command's events. */
  position: string;
}

async function post(
  t: TestApp,
  path: string,
  body: object,
  role: 'service' | 'analyst' = 'service',
): Promise<{ id: string; position: string; outputId?: string }> {
  const res = await request(t.server).post(path).set('Authorization', bearer(role)).send(body);
  if (res.status !== 200 && res.status !== 201) {
    throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

export const OFFERING_BODY = {
  name: 'Managed e-mail',
  targetConsumerGroup: 'small firms',
  goods: [],
  resourceAccess: ['mailbox'],
  serviceActions: ['support desk'],
  utility: ['send and receive mail'],
  warranty: { availabilityTarget: 99.9 },
  // Backdated: the scenario measures periods of 2026.
  effectiveFrom: '2025-01-01T00:00:00Z',
};

/** The full scenario of SPEC.md: parties, offering, relationship, value co-creation, an improvement. */
export async function postScenario(t: TestApp): Promise<Scenario> {
  const provider = await post(t, '/v1/organizations', { name: 'Acme IT' });
  const consumer = await post(t, '/v1/organizations', { name: 'Bakery Ltd' });
  const offering = await post(t, '/v1/offerings', { providerId: provider.id, ...OFFERING_BODY });
  const relationship = await post(t, '/v1/relationships', {
    providerId: provider.id,
    consumerId: consumer.id,
    occurredAt: '2025-01-01T00:00:00Z',
  });
  const rel = `/v1/relationships/${relationship.id}`;
  for (const role of ['customer', 'user', 'sponsor']) {
    await post(t, `${rel}/stakeholders`, { role, name: `${role} person` });
  }
  await post(t, `${rel}/provisions`, { offeringId: offering.id });
  const output = await post(t, `${rel}/outputs`, { description: 'mailboxes set up' });
  await post(t, `${rel}/outcomes`, {
    stakeholderRole: 'customer',
    description: 'staff reach customers by mail',
    enabledBy: [output.outputId],
  });
  await post(t, `${rel}/costs`, {
    effect: 'removed',
    amount: '0.10',
    currency: 'EUR',
    description: 'own server',
  });
  await post(t, `${rel}/costs`, {
    effect: 'removed',
    amount: '0.20',
    currency: 'EUR',
    description: 'backups',
  });
  await post(t, `${rel}/costs`, {
    effect: 'imposed',
    amount: '1250.50',
    currency: 'USD',
    description: 'fee',
  });
  await post(t, `${rel}/risks`, { effect: 'removed', description: 'data loss', severity: 'high' });
  await post(t, `${rel}/risks`, { effect: 'imposed', description: 'lock-in', severity: 'medium' });
  // Two half-month periods of March (one period of a metric is measured once).
  await post(t, `${rel}/service-levels`, {
    offeringId: offering.id,
    metric: 'availability',
    target: 99.9,
    actual: 99.95,
    period: { start: '2026-03-01', end: '2026-03-16' },
  });
  await post(t, `${rel}/service-levels`, {
    offeringId: offering.id,
    metric: 'availability',
    target: 99.9,
    actual: 99.5,
    period: { start: '2026-03-16', end: '2026-03-31' },
  });
  await post(t, `${rel}/reviews`, { stakeholderRole: 'customer', valueScore: 4 });
  await post(t, `${rel}/reviews`, { stakeholderRole: 'user', valueScore: 5 });
  const improvement = await post(t, '/v1/improvements', {
    subject: { offeringId: offering.id },
    title: 'Faster mailbox setup',
    dimension: 'value-streams-and-processes',
    valueChainActivity: 'improve',
    metric: 'setup-hours',
    direction: 'decrease',
    baseline: 10,
    target: 2,
    targetDate: '2026-12-31',
    owner: 'Dana Reyes',
  });
  const imp = `/v1/improvements/${improvement.id}`;
  await post(t, `${imp}/approve`, {}, 'analyst'); // four eyes: not the proposer
  await post(t, `${imp}/implement`, {});
  const last = await post(t, `${imp}/evaluate`, { actual: 4, closure: 'partially-successful' });
  return {
    providerId: provider.id,
    consumerId: consumer.id,
    offeringId: offering.id,
    relationshipId: relationship.id,
    improvementId: improvement.id,
    position: last.position,
  };
}

/** GET as an analyst; fails the test on anything but 200. */
export async function query(t: TestApp, path: string): Promise<request.Response['body']> {
  const res = await request(t.server).get(path).set('Authorization', bearer('analyst'));
  if (res.status !== 200)
    throw new Error(`GET ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Everything the analytics routes answer for a scenario, to compare two runs. */
export async function analyticsOf(t: TestApp, s: Scenario, minPosition: string): Promise<unknown> {
  const q = `?minPosition=${minPosition}`;
  return {
    offerings: await query(t, `/v1/offerings${q}`),
    offering: await query(t, `/v1/offerings/${s.offeringId}${q}`),
    relationship: await query(t, `/v1/relationships/${s.relationshipId}${q}`),
    offeringAnalytics: await query(t, `/v1/analytics/offerings/${s.offeringId}${q}`),
    trend: await query(t, `/v1/analytics/offerings/${s.offeringId}/trend${q}`),
    improvementAnalytics: await query(t, `/v1/analytics/improvements${q}`),
    improvements: await query(t, `/v1/improvements${q}`),
  };
}

/**
 * Appends a poisoned fact straight through the store (an amount no decimal sum accepts), as an
 * older writer might have stored it: the projections that add costs stop on it.
 */
export async function appendPoisonedCost(t: TestApp, s: Scenario): Promise<AppendResult> {
  return t.app.get<EventStore>(EVENT_STORE).append(
    `relationship-${s.relationshipId}`,
    [
      {
        eventId: randomUUID(),
        type: 'CostRecorded',
        data: {
          relationshipId: s.relationshipId,
          costId: randomUUID(),
          effect: 'removed',
          amount: '1e3',
          currency: 'EUR',
          description: 'bad',
          offeringId: s.offeringId,
        },
        metadata: { actor: 'legacy:service' },
      },
    ],
    { expectedRevision: 'any' },
  );
}
