import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import {
  evolveRelationship,
  fold,
  initialRelationshipState,
  RelationshipEvent,
  viewRelationship,
} from '@app/domain';
import { EVENT_STORE, EventStore, RecordedEvent, verifyChain } from '@app/event-store';
import {
  appendAuditScenario,
  AuditScenario,
  HOUR,
  SCENARIO_START,
} from '../support/audit-scenario';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { textParser } from '../support/text-parser';

const VERIFIER = join(__dirname, '../../docs/verify-export.mjs');

/** What an auditor sees of a recorded event (the top-level `recordedAt` copy is left out). */
const audited = ({ recordedAt: _recordedAt, ...event }: RecordedEvent) => event;

/** The relationship state folded by the test itself from the given events. */
const foldRelationship = (events: RecordedEvent[]) =>
  viewRelationship(
    fold(
      { initialState: () => initialRelationshipState, evolve: evolveRelationship },
      events.map((e) => ({ type: e.type, data: e.data }) as RelationshipEvent),
    ),
  );

describe('audit routes', () => {
  let t: TestApp;
  let scenario: AuditScenario;
  let relationshipEvents: RecordedEvent[];

  beforeAll(async () => {
    t = await startTestApp();
    scenario = await appendAuditScenario(t.app.get<EventStore>(EVENT_STORE));
    relationshipEvents = scenario.recorded.filter(
      (e) => e.streamId === scenario.relationshipStreamId,
    );
  });

  afterAll(async () => {
    await t.dispose();
  });

  const auditor = (path: string) =>
    request(t.server).get(path).set('Authorization', bearer('auditor'));
  /** History events carry their Merkle leaf: on the embedded store, position − 1. */
  const withLeaf = (e: RecordedEvent) => ({ ...audited(e), leafIndex: Number(e.position) - 1 });

  describe('GET /v1/audit/streams/:streamId', () => {
    it("lists a stream's events in order with metadata and hashes", async () => {
      const res = await auditor(`/v1/audit/streams/${scenario.relationshipStreamId}`).expect(200);
      expect(res.body.events).toEqual(relationshipEvents.map(withLeaf));
      expect(res.body.events[0]).toEqual(
        expect.objectContaining({
          streamId: scenario.relationshipStreamId,
          revision: 0,
          position: expect.stringMatching(/^\d+$/),
          metadata: expect.objectContaining({
            actor: 'scenario:service',
            correlationId: expect.any(String),
            recordedAt: expect.any(String),
          }),
          previousHash: '0'.repeat(64),
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        }),
      );
      expect(res.body.next).toBeNull();
    });

    it('pages through a long stream with fromRevision, limit and next', async () => {
      const seen: unknown[] = [];
      let path: string | null = `/v1/audit/streams/${scenario.relationshipStreamId}?limit=3`;
      let pages = 0;
      while (path !== null) {
        const res: request.Response = await auditor(path).expect(200);
        expect(res.body.events.length).toBeLessThanOrEqual(3);
        seen.push(...res.body.events);
        path = res.body.next;
        pages += 1;
      }
      expect(pages).toBe(Math.ceil(relationshipEvents.length / 3));
      expect(seen).toEqual(relationshipEvents.map(withLeaf));

      const res = await auditor(
        `/v1/audit/streams/${scenario.relationshipStreamId}?fromRevision=5&limit=2`,
      ).expect(200);
      expect(res.body.events.map((e: RecordedEvent) => e.revision)).toEqual([5, 6]);
      expect(res.body.nextRevision).toBe(7);
    });

    it('answers 404 for an unknown stream and 400 for a bad page', async () => {
      await auditor('/v1/audit/streams/relationship-00000000-0000-4000-8000-000000000000').expect(
        404,
      );
      const bad = await auditor(
        `/v1/audit/streams/${scenario.relationshipStreamId}?limit=0`,
      ).expect(400);
      expect(JSON.stringify(bad.body)).toContain('limit');
      await auditor(`/v1/audit/streams/${scenario.relationshipStreamId}?fromRevision=-1`).expect(
        400,
      );
    });
  });

  describe('GET /v1/audit/relationships/:id/state', () => {
    const path = () => `/v1/audit/relationships/${scenario.relationshipId}/state`;
    // The relationship's own events are the 4th to 12th of the scenario, an hour apart.
    const instants = [
      new Date(SCENARIO_START - HOUR).toISOString(), // before anything
      new Date(SCENARIO_START + 2 * HOUR).toISOString(), // before the relationship
      new Date(SCENARIO_START + 3 * HOUR).toISOString(), // exactly at RelationshipEstablished
      new Date(SCENARIO_START + 6.5 * HOUR).toISOString(), // between two events
      '2026-01-01T17:30:00+02:00', // an offset: 15:30Z
      new Date(SCENARIO_START + 100 * HOUR).toISOString(), // after the end
    ];

    it.each(instants)(
      'as of %s equals the state folded from exactly the events recorded by then',
      async (asOf) => {
        const res = await auditor(`${path()}?asOf=${encodeURIComponent(asOf)}`).expect(200);
        const expected = relationshipEvents.filter(
          (e) => Date.parse(e.metadata.recordedAt) <= Date.parse(asOf),
        );
        expect(res.body.state).toEqual(foldRelationship(expected));
        expect(res.body.events).toEqual(expected.map(audited));
        expect(res.body.revision).toBe(expected.length === 0 ? null : expected.length - 1);
        expect(res.body.integrity).toEqual({ valid: true, failures: [] });
      },
    );

    it('as of a revision folds exactly the events up to it', async () => {
      const res = await auditor(`${path()}?revision=4`).expect(200);
      expect(res.body.state).toEqual(foldRelationship(relationshipEvents.slice(0, 5)));
      expect(res.body.events).toHaveLength(5);
      expect(res.body.state.status).toBe('active');
      const now = await auditor(path()).expect(200);
      expect(now.body.state.status).toBe('ended');
      expect(now.body.events).toHaveLength(relationshipEvents.length);
    });

    it('answers 400 for a bad time or both points, 404 for an unknown relationship or revision', async () => {
      for (const asOf of ['yesterday', '2026-02-30T00:00:00Z', '2026-01-01T10:00:00']) {
        const res = await auditor(`${path()}?asOf=${encodeURIComponent(asOf)}`).expect(400);
        expect(JSON.stringify(res.body)).toContain('asOf');
      }
      await auditor(`${path()}?asOf=2026-01-01T00:00:00Z&revision=1`).expect(400);
      await auditor(`${path()}?revision=x`).expect(400);
      await auditor(`${path()}?revision=${relationshipEvents.length}`).expect(404);
      await auditor(
        '/v1/audit/relationships/00000000-0000-4000-8000-000000000000/state?asOf=2026-01-01T00:00:00Z',
      ).expect(404);
    });
  });

  describe('GET /v1/audit/verify', () => {
    it('says valid for the untouched log and counts every event', async () => {
      const res = await auditor('/v1/audit/verify').expect(200);
      expect(res.body).toMatchObject({
        valid: true,
        eventsChecked: scenario.recorded.length,
        failures: [],
      });
    });

    it('checks one stream on request, and 404 for an unknown one', async () => {
      const res = await auditor(
        `/v1/audit/verify?streamId=${scenario.relationshipStreamId}`,
      ).expect(200);
      expect(res.body).toMatchObject({ valid: true, eventsChecked: relationshipEvents.length });
      await auditor('/v1/audit/verify?streamId=offering-nope').expect(404);
    });
  });

  describe('GET /v1/audit/export', () => {
    it('streams every event as NDJSON, which the standalone verifier accepts', async () => {
      const res = await auditor('/v1/audit/export').buffer(true).parse(textParser).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const body = res.body as string;
      const lines = body.trimEnd().split('\n');
      expect(lines.map((line) => JSON.parse(line))).toEqual(scenario.recorded.map(audited));

      const file = join(t.dataDir, 'export.ndjson');
      writeFileSync(file, body);
      const report = JSON.parse(
        execFileSync('node', [VERIFIER, '--json', file], { encoding: 'utf8' }),
      );
      const ours = await verifyChain(scenario.recorded);
      expect(report).toEqual({
        valid: true,
        eventsChecked: ours.eventsChecked,
        streamsChecked: ours.streamsChecked,
        failures: [],
      });
      const text = execFileSync('node', [VERIFIER, file], { encoding: 'utf8' });
      expect(text).toContain(`${scenario.recorded.length} events in 4 streams checked`);
    });

    it('exports only the events after fromPosition (exclusive)', async () => {
      const from = scenario.recorded[4].position;
      const res = await auditor(`/v1/audit/export?fromPosition=${from}`)
        .buffer(true)
        .parse(textParser)
        .expect(200);
      const positions = (res.body as string)
        .trimEnd()
        .split('\n')
        .map((line) => (JSON.parse(line) as RecordedEvent).position);
      expect(positions).toEqual(scenario.recorded.slice(5).map((e) => e.position));
      await auditor('/v1/audit/export?fromPosition=-1').expect(400);
      const empty = await auditor(
        `/v1/audit/export?fromPosition=${scenario.recorded[scenario.recorded.length - 1].position}`,
      )
        .buffer(true)
        .parse(textParser)
        .expect(200);
      expect(empty.body).toBe('');
    });
  });

  describe('access', () => {
    it('is open to auditors and admins only', async () => {
      const path = '/v1/audit/verify';
      await request(t.server).get(path).expect(401);
      await request(t.server).get(path).set('Authorization', bearer('service')).expect(403);
      await request(t.server).get(path).set('Authorization', bearer('analyst')).expect(403);
      await request(t.server).get(path).set('Authorization', bearer('admin')).expect(200);
      await request(t.server)
        .get('/v1/audit/export')
        .set('Authorization', bearer('analyst'))
        .expect(403);
    });
  });
});
