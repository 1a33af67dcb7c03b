import { randomUUID } from 'node:crypto';
import { postgresUnavailable } from '../contract/support/postgres-test-database';
import { expectAccepted } from '../support/http-client';
import { postScenarioThrough, ScenarioPoster } from '../support/reference-scenario';
import { readScenario, scenarioPoster } from '../support/scenario-over-http';
import { ClusterApi, ScaleCluster } from '../support/scale-cluster';
import { untilDuring } from '../support/wait-until';

// Issue 13, scale-out with real processes: two API processes (the built app, `node dist/...`)
// on one PostgreSQL database, each with its own port and data dir. What one instance
// acknowledges, the other sees; a keyed request lands once whichever instance gets it;
// kill -9 of one instance loses nothing it acknowledged.
const unavailable = postgresUnavailable();
if (unavailable !== undefined) process.stdout.write(`scale-out e2e skipped: ${unavailable}\n`);

interface Answer {
  id: string;
  streamId: string;
  revision: number;
  position: string;
  outputId?: string;
}

interface LoggedEvent {
  position: string;
  stream_id: string;
  revision: number;
  key: string | null;
}

(unavailable === undefined ? describe : describe.skip)(
  'two API processes, one PostgreSQL log',
  () => {
    let cluster: ScaleCluster;
    let a: ClusterApi;
    let b: ClusterApi;

    beforeAll(async () => {
      cluster = await ScaleCluster.create();
      [a, b] = await Promise.all([cluster.startApi('api-a'), cluster.startApi('api-b')]);
      // A build (when dist/ is stale) and two cold starts on a busy 2-core machine.
    }, 240_000);

    afterAll(async () => {
      await cluster?.dispose();
    }, 60_000);

    /** The events of the log carrying these Idempotency-Keys, in log order. */
    async function eventsWithKeys(keys: string[]): Promise<LoggedEvent[]> {
      return cluster.sql<LoggedEvent>(
        `SELECT position::text AS position, stream_id, revision,
              metadata::jsonb->>'idempotencyKey' AS key
         FROM events WHERE metadata::jsonb->>'idempotencyKey' = ANY($1) ORDER BY position`,
        [keys],
      );
    }

    it(
      'the reference scenario, posted through both instances in turn with If-Match and Idempotency-Key, each request retried through the other',
      () =>
        cluster.guard(async () => {
          const apis = [a.http, b.http];
          const etags = new Map<string, string>();
          const keys: string[] = [];
          let turn = 0;
          const post: ScenarioPoster = async (path, body, role = 'service') => {
            const [first, other] = turn % 2 === 0 ? apis : [apis[1], apis[0]];
            turn += 1;
            const key = randomUUID();
            keys.push(key);
            const aggregate = /^\/v1\/[a-z-]+\/[^/]+/.exec(path)?.[0];
            const ifMatch = aggregate === undefined ? undefined : etags.get(aggregate);
            if (aggregate !== undefined) expect(ifMatch).toBeDefined(); // every stream was created here
            const headers = { 'Idempotency-Key': key, ...(ifMatch ? { 'If-Match': ifMatch } : {}) };
            const sent = await first.post(path, body, { role, headers });
            expectAccepted(sent, `${first.baseUrl} POST ${path}`);
            const answer = sent.body as Answer;
            etags.set(aggregate ?? `${path}/${answer.id}`, sent.headers.get('etag') ?? '');
            // The client's retry (say its answer was lost) through the other instance: the same
            // answer, nothing appended, though its If-Match is stale by now.
            const retried = await other.post(path, body, { role, headers });
            expect({ status: retried.status, body: retried.body }).toEqual({
              status: sent.status,
              body: sent.body,
            });
            return answer;
          };
          const s = await postScenarioThrough(post);

          // One append per request, however many instances it went through.
          const logged = await eventsWithKeys(keys);
          expect(new Set(logged.map((e) => e.key))).toEqual(new Set(keys));
          expect(logged).toHaveLength(keys.length);
          const [{ count }] = await cluster.sql<{ count: string }>('SELECT count(*) FROM events');
          expect(Number(count)).toBe(keys.length);

          // Both instances' read models answer the same, and what the scenario did.
          const [seenByA, seenByB] = await Promise.all([
            readScenario(a.http, s, s.position),
            readScenario(b.http, s, s.position),
          ]);
          expect(seenByB).toEqual(seenByA);
          expect(seenByB.relationship).toMatchObject({
            provider: { id: s.providerId, name: 'Acme IT' },
            consumer: { id: s.consumerId, name: 'Bakery Ltd' },
            counts: { provisions: 1, outputs: 1, outcomes: 1, costs: 3, risks: 2, reviews: 2 },
          });
          expect(seenByB.improvement).toMatchObject({ id: s.improvementId, status: 'evaluated' });
        }),
      90_000,
    );

    it(
      'the same keyed request sent to both instances at once is appended once; both answer it',
      () =>
        cluster.guard(async () => {
          const parties: string[] = [];
          for (const name of ['Provider sent twice', 'Consumer sent twice']) {
            const org = await a.http.post('/v1/organizations', { name });
            expectAccepted(org, 'POST /v1/organizations');
            parties.push((org.body as Answer).id);
          }
          const relationship = await b.http.post('/v1/relationships', {
            providerId: parties[0],
            consumerId: parties[1],
          });
          expectAccepted(relationship, 'POST /v1/relationships');
          const rel = relationship.body as Answer;
          let etag = relationship.headers.get('etag') ?? '';
          const keys: string[] = [];
          for (let round = 0; round < 10; round += 1) {
            // A create naming no id (the id comes from the key) and a command with If-Match.
            const createKey = randomUUID();
            const body = { name: `Sent to both ${round}` };
            const create = { 'Idempotency-Key': createKey };
            const [createdA, createdB] = await Promise.all([
              a.http.post('/v1/organizations', body, { headers: create }),
              b.http.post('/v1/organizations', body, { headers: create }),
            ]);
            expectAccepted(createdA, 'create through api-a');
            expect(createdB.body).toEqual(createdA.body);

            const outputKey = randomUUID();
            const output = { description: `report ${round}` };
            const headers = { 'Idempotency-Key': outputKey, 'If-Match': etag };
            const path = `/v1/relationships/${rel.id}/outputs`;
            const [sentA, sentB] = await Promise.all([
              a.http.post(path, output, { headers }),
              b.http.post(path, output, { headers }),
            ]);
            expectAccepted(sentA, 'output through api-a');
            expect({ status: sentB.status, body: sentB.body }).toEqual({
              status: sentA.status,
              body: sentA.body,
            });
            etag = sentA.headers.get('etag') ?? '';
            keys.push(createKey, outputKey);
          }
          const logged = await eventsWithKeys(keys);
          expect(logged.map((e) => e.key).sort()).toEqual([...keys].sort());
        }),
      60_000,
    );

    it(
      'reads its own writes through the other instance (?minPosition)',
      () =>
        cluster.guard(async () => {
          const s = await postScenarioThrough(scenarioPoster(a.http));
          const path = `/v1/relationships/${s.relationshipId}`;
          for (let round = 0; round < 10; round += 1) {
            const [writer, reader] = round % 2 === 0 ? [a.http, b.http] : [b.http, a.http];
            const sent = await writer.post(`${path}/outputs`, {
              description: `delivered ${round}`,
            });
            expectAccepted(sent, `output ${round}`);
            const { position } = sent.body as Answer;
            const summary = await reader.read<{ counts: { outputs: number } }>(
              `${path}?minPosition=${position}`,
            );
            // The scenario delivered one output; this round's is the (round + 2)th.
            expect(summary.counts.outputs).toBe(round + 2);
          }
        }),
      60_000,
    );

    it(
      'kill -9 of one instance under load loses no acknowledged event; the chains verify',
      () =>
        cluster.guard(async () => {
          const s = await postScenarioThrough(scenarioPoster(b.http));
          const relationships = [s.relationshipId];
          for (let i = 0; i < 7; i += 1) {
            const created = await [a.http, b.http][i % 2].post('/v1/relationships', {
              providerId: s.providerId,
              consumerId: s.consumerId,
            });
            expectAccepted(created, 'POST /v1/relationships');
            relationships.push((created.body as Answer).id);
          }
          const acknowledged = new Map<string, Answer>();
          const refusals: string[] = [];
          let alive = [a.http, b.http];
          let sent = 0;
          let stop = false;
          // Clients post keyed outputs to either instance; a request cut by the kill is retried with
          // its key through the instance left, as a client behind a load balancer would.
          const client = async (worker: number): Promise<void> => {
            for (let n = 0; !stop; n += 1) {
              const key = randomUUID();
              const relationshipId = relationships[(worker + n) % relationships.length];
              const path = `/v1/relationships/${relationshipId}/outputs`;
              const body = { description: `load ${worker}.${n}` };
              sent += 1;
              for (let attempt = 0; ; attempt += 1) {
                const api = alive[(worker + n + attempt) % alive.length];
                try {
                  const answer = await api.post(path, body, {
                    headers: { 'Idempotency-Key': key },
                  });
                  if (answer.status === 200) {
                    acknowledged.set(key, answer.body as Answer);
                    break;
                  }
                  // Three writers on one stream can outrun the decide retries: 409, sent again.
                  if (answer.status !== 409)
                    refusals.push(`${answer.status} ${JSON.stringify(answer.body)}`);
                } catch {
                  // Connection refused or reset: that instance is gone.
                }
                if (attempt > 20) throw new Error(`request ${key} never acknowledged`);
              }
            }
          };
          const clients = Promise.all(Array.from({ length: 8 }, (_, worker) => client(worker)));
          await untilDuring(() => acknowledged.size >= 60, clients);
          const beforeKill = acknowledged.size;
          alive = [b.http];
          await a.process.kill9();
          await untilDuring(() => acknowledged.size >= beforeKill + 60, clients);
          stop = true;
          await clients;

          expect(refusals).toEqual([]);
          expect(acknowledged.size).toBe(sent);
          // Each acknowledged request is in the log exactly once, where its answer said.
          const logged = await eventsWithKeys([...acknowledged.keys()]);
          expect(logged).toHaveLength(acknowledged.size);
          for (const event of logged) {
            const answer = acknowledged.get(event.key ?? '');
            expect({
              position: event.position,
              stream: event.stream_id,
              revision: event.revision,
            }).toEqual({
              position: answer?.position,
              stream: answer?.streamId,
              revision: answer?.revision,
            });
          }
          // The whole log's hash chains verify (the audit route of the instance left).
          const [{ count }] = await cluster.sql<{ count: string }>('SELECT count(*) FROM events');
          const report = await b.http.read<{
            valid: boolean;
            eventsChecked: number;
            failures: unknown[];
          }>('/v1/audit/verify', { role: 'auditor' });
          expect(report).toMatchObject({ valid: true, failures: [], eventsChecked: Number(count) });

          // The killed instance restarts on its data dir and catches up with what the other wrote.
          const head = [...acknowledged.values()].map((x) => BigInt(x.position)).reduce(max);
          a = await cluster.startApi('api-a');
          for (const id of relationships) {
            const [fromA, fromB] = await Promise.all(
              [a.http, b.http].map((api) =>
                api.read(`/v1/relationships/${id}?minPosition=${head}`),
              ),
            );
            expect(fromA).toEqual(fromB);
          }
        }),
      120_000,
    );
  },
);

function max(x: bigint, y: bigint): bigint {
  return x > y ? x : y;
}
