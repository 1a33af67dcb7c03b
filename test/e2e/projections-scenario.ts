import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AppendResult, EVENT_STORE, EventStore } from '@app/event-store';
import { postScenarioThrough, Scenario } from '../support/reference-scenario';
import { bearer, TestApp } from '../support/test-app';

export { OFFERING_BODY, type Scenario } from '../support/reference-scenario';

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

/** The full scenario of SPEC.md through the in-process app. */
export function postScenario(t: TestApp): Promise<Scenario> {
  return postScenarioThrough((path, body, role) => post(t, path, body, role));
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
