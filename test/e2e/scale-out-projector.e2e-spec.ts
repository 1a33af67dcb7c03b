import { randomUUID } from 'node:crypto';
import { postgresUnavailable } from '../contract/support/postgres-test-database';
import { expectAccepted, HttpClient } from '../support/http-client';
import { postScenarioThrough, Scenario } from '../support/reference-scenario';
import { readScenario, scenarioPoster } from '../support/scenario-over-http';
import { ClusterApi, ClusterProjector, ScaleCluster } from '../support/scale-cluster';
import { untilAsync, untilDuring } from '../support/wait-until';

// Issue 13, the scale path with real processes: two API processes with LEDGER_PROJECTIONS=off
// and two projectors (one standby) on one PostgreSQL database holding the log, the read models
// and the Idempotency-Keys. kill -9 of the projector that owns the projections, under load:
// the standby takes over, the read models end as a full rebuild from the log makes them, and
// the saga proposes its improvement exactly once.
const unavailable = postgresUnavailable();
if (unavailable !== undefined) {
  process.stdout.write(`scale-out projector e2e skipped: ${unavailable}\n`);
}

const SHARED = { LEDGER_READ_MODELS: 'postgres' };
/** A standby claims every 200 ms, so a takeover is quick to observe. */
const PROJECTOR = { ...SHARED, LEDGER_PROJECTOR_STANDBY_POLL_MS: '200' };
const READER_API = { ...SHARED, LEDGER_PROJECTIONS: 'off' };

interface Answer {
  id: string;
  streamId: string;
  revision: number;
  position: string;
  measurementId?: string;
}

(unavailable === undefined ? describe : describe.skip)(
  'two APIs (LEDGER_PROJECTIONS=off) and two projectors on one PostgreSQL database',
  () => {
    let cluster: ScaleCluster;
    let first: ClusterProjector;
    let standby: ClusterProjector;
    let a: ClusterApi;
    let b: ClusterApi;

    beforeAll(async () => {
      cluster = await ScaleCluster.create();
      first = await cluster.startProjector('projector-1', PROJECTOR);
      standby = await cluster.startProjector('projector-2', PROJECTOR);
      [a, b] = await Promise.all([
        cluster.startApi('api-a', READER_API),
        cluster.startApi('api-b', READER_API),
      ]);
      // A build (when dist/ is stale) and four cold starts on a busy 2-core machine.
    }, 240_000);

    afterAll(async () => {
      await cluster?.dispose();
    }, 60_000);

    it(
      'one projector owns the projections, the other stands by; each API reads what the other wrote',
      () =>
        cluster.guard(async () => {
          expect(first.owns()).toBe(true);
          expect(standby.owns()).toBe(false);
          const s = await postScenarioThrough(scenarioPoster(a.http));
          const [seenByA, seenByB] = await Promise.all([
            readScenario(a.http, s, s.position),
            readScenario(b.http, s, s.position),
          ]);
          expect(seenByB).toEqual(seenByA);
          expect(seenByB.relationship).toMatchObject({
            counts: { provisions: 1, outputs: 1, outcomes: 1, costs: 3, risks: 2, reviews: 2 },
          });
        }),
      60_000,
    );

    it(
      'kill -9 of the owning projector under load: the standby takes over, the read models end as a full rebuild makes them, the saga proposes once',
      () =>
        cluster.guard(async () => {
          const s = await postScenarioThrough(scenarioPoster(b.http));
          const streak = await breachReadyRelationship(a.http, s);
          const relationships = [s.relationshipId, streak.relationshipId];
          const acknowledged: Answer[] = [];
          let stop = false;
          const client = async (worker: number): Promise<void> => {
            for (let n = 0; !stop; n += 1) {
              const api = [a.http, b.http][(worker + n) % 2];
              const id = relationships[(worker + n) % relationships.length];
              const answer = await api.post(
                `/v1/relationships/${id}/outputs`,
                { description: `load ${worker}.${n}` },
                { headers: { 'Idempotency-Key': randomUUID() } },
              );
              // Four writers on two streams across two processes can outrun the decide retries.
              if (answer.status === 409) continue;
              expectAccepted(answer, 'output under load');
              acknowledged.push(answer.body as Answer);
            }
          };
          const load = Promise.all(Array.from({ length: 4 }, (_, worker) => client(worker)));
          await untilDuring(() => acknowledged.length >= 30, load);

          // Three breached months in a row: the breach-streak projection triggers the saga, and
          // the projector that runs both is killed while that is under way.
          for (const back of [6, 5, 4]) {
            const body = {
              offeringId: streak.offeringId,
              metric: 'availability',
              actual: 97,
              period: { start: monthStart(back), end: monthStart(back - 1) },
            };
            const headers = { 'Idempotency-Key': randomUUID() };
            const path = `/v1/relationships/${streak.relationshipId}/service-levels`;
            let measured = await a.http.post(path, body, { headers });
            // The load writes to this stream too: a 409 is sent again, under the same key.
            while (measured.status === 409) measured = await a.http.post(path, body, { headers });
            expectAccepted(measured, 'breached measurement');
          }
          const killedAt = Date.now();
          await first.process.kill9();
          await untilDuring(() => standby.owns(), load, 20_000);
          const takeoverMs = Date.now() - killedAt;
          process.stdout.write(`standby took over ${takeoverMs} ms after the kill -9\n`);
          const beforeStop = acknowledged.length;
          await untilDuring(() => acknowledged.length >= beforeStop + 30, load);
          stop = true;
          await load;

          // The saga's proposal, exactly once, though its projector died around it.
          const proposals = () =>
            cluster.sql<{ stream_id: string }>(
              `SELECT stream_id FROM events WHERE type = 'ImprovementProposed'
               AND metadata::jsonb->>'actor' = 'system'
               AND data::jsonb->'subject'->>'offeringId' = $1`,
              [streak.offeringId],
            );
          await untilAsync(async () => (await proposals()).length > 0, 30_000);
          const head = await logHead(cluster);
          // Every projection has processed the whole log: nothing further is coming.
          await a.http.read(`/v1/improvements?subjectId=${streak.offeringId}&minPosition=${head}`);
          expect(await proposals()).toHaveLength(1);

          // A full rebuild from the log: a third API with the projections inline, on read models
          // of its own (SQLite in its data dir), started now, so it projects everything from 0.
          const rebuilt = await cluster.startApi('api-rebuilt', { LEDGER_READ_MODELS: 'sqlite' });
          const [shared, fromScratch] = await Promise.all([
            readAll(a.http, s, streak, relationships, head),
            readAll(rebuilt.http, s, streak, relationships, head),
          ]);
          expect(shared).toEqual(fromScratch);
          expect(shared.relationships[1]).toMatchObject({ counts: { breaches: 3 } });
          expect(shared.proposals).toMatchObject({ items: [{ proposedBy: 'system' }] });
          // Nor did the rebuild's own saga propose again.
          expect(await proposals()).toHaveLength(1);
        }),
      120_000,
    );
  },
);

/** A relationship provisioned with an offering whose warranty a month at 97 % breaches. */
async function breachReadyRelationship(
  http: HttpClient,
  s: Scenario,
): Promise<{ relationshipId: string; offeringId: string }> {
  const offering = await http.post('/v1/offerings', {
    providerId: s.providerId,
    name: 'Mail relay',
    targetConsumerGroup: 'shops',
    goods: [],
    resourceAccess: [],
    serviceActions: [],
    utility: ['relay mail'],
    warranty: {
      serviceLevels: [
        { metric: 'availability', target: 99.9, comparison: 'at-least', unit: 'percent' },
      ],
    },
    effectiveFrom: monthStart(12),
  });
  expectAccepted(offering, 'POST /v1/offerings');
  const offeringId = (offering.body as Answer).id;
  const relationship = await http.post('/v1/relationships', {
    providerId: s.providerId,
    consumerId: s.consumerId,
    occurredAt: monthStart(12),
  });
  expectAccepted(relationship, 'POST /v1/relationships');
  const relationshipId = (relationship.body as Answer).id;
  expectAccepted(
    await http.post(`/v1/relationships/${relationshipId}/provisions`, { offeringId }),
    'provision',
  );
  return { relationshipId, offeringId };
}

/** What the query routes answer about everything the test wrote, once past `head`. */
async function readAll(
  http: HttpClient,
  s: Scenario,
  streak: { offeringId: string },
  relationships: string[],
  head: string,
) {
  const q = `minPosition=${head}`;
  return {
    scenario: await readScenario(http, s, head),
    relationships: await Promise.all(
      relationships.map((id) => http.read(`/v1/relationships/${id}?${q}`)),
    ),
    offerings: await http.read(`/v1/offerings?${q}`),
    streakAnalytics: await http.read(`/v1/analytics/offerings/${streak.offeringId}?${q}`),
    proposals: await http.read(`/v1/improvements?subjectId=${streak.offeringId}&${q}`),
    improvementAnalytics: await http.read(`/v1/analytics/improvements?${q}`),
  };
}

async function logHead(cluster: ScaleCluster): Promise<string> {
  const [{ head }] = await cluster.sql<{ head: string }>(
    'SELECT max(position)::text AS head FROM events',
  );
  return head;
}

function monthStart(back: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString();
}
