import { expectAccepted, HttpClient } from './http-client';
import { Scenario, ScenarioPoster } from './reference-scenario';

/** Posts every command of the reference scenario through one process, over HTTP. */
export function scenarioPoster(http: HttpClient): ScenarioPoster {
  return async (path, body, role = 'service') => {
    const sent = await http.post(path, body, { role });
    expectAccepted(sent, `${http.baseUrl} POST ${path}`);
    return sent.body as Awaited<ReturnType<ScenarioPoster>>;
  };
}

/** What the query routes answer about a scenario, once past `minPosition`, to compare. */
export async function readScenario(http: HttpClient, s: Scenario, minPosition: string) {
  const q = `?minPosition=${minPosition}`;
  return {
    offering: await http.read(`/v1/offerings/${s.offeringId}${q}`),
    relationship: await http.read(`/v1/relationships/${s.relationshipId}${q}`),
    offeringAnalytics: await http.read(`/v1/analytics/offerings/${s.offeringId}${q}`),
    trend: await http.read(`/v1/analytics/offerings/${s.offeringId}/trend${q}`),
    improvement: await http.read(`/v1/improvements/${s.improvementId}${q}`),
  };
}
