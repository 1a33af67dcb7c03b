import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, EventStore } from '@app/event-store';
import {
  establishedRelationship,
  offeringBody as offeringBodyFor,
  post,
  streamEvents,
} from '../support/commands';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const UUID_ANY_CASE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Issue 8, replayed: each hostile or unlucky request of the campaign, with the answer SPEC v2
 * gives it (status, problem+json) and, for a refused command, nothing appended to the log.
 */
describe('hostile and unlucky input', () => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof establishedRelationship>>;
  let r: string;

  beforeAll(async () => {
    t = await startTestApp();
    f = await establishedRelationship(t);
    r = `/v1/relationships/${f.relationshipId}`;
    await post(t, `${r}/provisions`, { offeringId: f.offeringId }).expect(200);
  });

  afterAll(async () => {
    await t.dispose();
  });

  async function head(): Promise<string | undefined> {
    return t.app.get<EventStore>(EVENT_STORE).headPosition();
  }

  /** Posts a raw JSON text; expects a problem+json `status` and an unchanged log. */
  async function refusedRaw(path: string, text: string, status = 400) {
    const before = await head();
    const res = await request(t.server)
      .post(path)
      .set('Authorization', bearer('service'))
      .set('Content-Type', 'application/json')
      .send(text);
    expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: expect.stringMatching(/^urn:ledger:problem:/), status });
    expect(await head()).toBe(before);
    return res.body as { detail: string; errors?: { field: string; messages: string[] }[] };
  }

  function nested(depth: number, leaf = '1'): string {
    return `{"name":"x","n":${'['.repeat(depth - 1)}${leaf}${']'.repeat(depth - 1)}}`;
  }

  describe('1, 7: numbers beyond double range or that lost digits → 400', () => {
    it.each([
      ['1e309 in an unknown field', '/v1/organizations', '{"name":"x","n":1e309}', 'n'],
      ['-1e309', '/v1/organizations', '{"name":"x","n":-1e309}', 'n'],
      ['1e309 deep inside', '/v1/organizations', '{"name":"x","a":{"b":[0,1e309]}}', 'a.b.1'],
      [
        'an amount of 20 digits',
        '',
        '{"effect":"removed","amount":12345678901234567890,"currency":"EUR","description":"d"}',
        'amount',
      ],
      [
        'an amount of 2^53+1',
        '',
        '{"effect":"removed","amount":9007199254740993,"currency":"EUR","description":"d"}',
        'amount',
      ],
      [
        'an amount of 1e400',
        '',
        '{"effect":"removed","amount":1e400,"currency":"EUR","description":"d"}',
        'amount',
      ],
      [
        'a measurement 0.1000000000000000000001',
        '',
        '{"offeringId":"OFF","metric":"availability","actual":0.1000000000000000000001,"period":{"start":"2026-01-01T00:00:00Z","end":"2026-02-01T00:00:00Z"}}',
        'actual',
      ],
    ])('%s', async (_name, path, text, field) => {
      const route =
        path === '' ? (field === 'actual' ? `${r}/service-levels` : `${r}/costs`) : path;
      const problem = await refusedRaw(route, text.replace('OFF', f.offeringId));
      expect(problem.errors?.map((e) => e.field)).toEqual([field]);
    });

    it('exact numbers and decimal strings are still accepted', async () => {
      const res = await post(t, `${r}/costs`, {
        effect: 'removed',
        amount: 1250.5,
        currency: 'EUR',
        description: 'licences',
      }).expect(200);
      const events = await streamEvents(t, `relationship-${f.relationshipId}`);
      const cost = events.find((e) => e.type === 'CostRecorded');
      expect(cost?.data).toMatchObject({ amount: '1250.5' });
      expect(res.body.costId).toEqual(expect.any(String));
      await post(t, `${r}/costs`, {
        effect: 'imposed',
        amount: '12345678901234567890',
        currency: 'EUR',
        description: 'as a string it is exact',
      }).expect(200);
    });
  });

  describe('2: nesting', () => {
    it('deeper than 32 levels → 400, also at 3,000 levels', async () => {
      for (const depth of [33, 3000, 30000]) {
        const problem = await refusedRaw('/v1/organizations', nested(depth));
        expect(problem.detail).toMatch(/nested deeper than 32/);
      }
    });

    it('32 levels pass the policy (the DTO then refuses the unknown field)', async () => {
      const problem = await refusedRaw('/v1/organizations', nested(31));
      expect(problem.errors).toEqual([{ field: 'n', messages: ['property n should not exist'] }]);
    });
  });

  describe('8: control characters', () => {
    it.each(['\u001b[2J', 'a\u0007b', 'line\r\nchain intact', 'nul\u0000', 'csi\u009b'])(
      'refuses %j in a text field',
      async (text) => {
        const problem = await refusedRaw(
          `${r}/outputs`,
          JSON.stringify({ description: `x${text}` }),
        );
        expect(problem.errors?.[0].field).toBe('description');
      },
    );

    it('keeps tab', async () => {
      await post(t, `${r}/outputs`, { description: 'a\tb' }).expect(200);
    });
  });

  describe('3: ids in any case are one id', () => {
    it('an upper-case id in a create is the lower-case aggregate', async () => {
      const id = randomUUID();
      const first = await post(t, '/v1/organizations', { id: id.toUpperCase(), name: 'Upper' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ id, streamId: `organization-${id}` });
      // A create with its own id is idempotent: the lower-case spelling is the same create.
      const again = await post(t, '/v1/organizations', { id, name: 'Upper' });
      expect(again.body).toEqual(first.body);
      expect((await streamEvents(t, `organization-${id}`)).length).toBe(1);
    });

    it('the same organization in two cases is one party', async () => {
      const res = await post(t, '/v1/relationships', {
        providerId: f.providerId.toUpperCase(),
        consumerId: f.providerId,
      });
      expect(res.status).toBe(409);
    });

    it('command, query and audit routes agree on a mixed-case path id', async () => {
      const mixed = mixedCase(f.relationshipId);
      const out = await post(t, `/v1/relationships/${mixed}/outputs`, {
        description: 'mixed case',
      }).expect(200);
      expect(out.body.id).toBe(f.relationshipId);
      expect(out.body.streamId).toBe(`relationship-${f.relationshipId}`);
      await request(t.server)
        .get(`/v1/relationships/${mixed}?minPosition=${out.body.position as string}`)
        .set('Authorization', bearer('analyst'))
        .expect(200);
      await request(t.server)
        .get(`/v1/offerings/${mixedCase(f.offeringId)}`)
        .set('Authorization', bearer('analyst'))
        .expect(200);
      await request(t.server)
        .get(`/v1/analytics/offerings/${mixedCase(f.offeringId)}`)
        .set('Authorization', bearer('analyst'))
        .expect(200);
      const audit = await request(t.server)
        .get(`/v1/audit/streams/relationship-${mixed}`)
        .set('Authorization', bearer('auditor'))
        .expect(200);
      expect(audit.body.streamId).toBe(`relationship-${f.relationshipId}`);
      await request(t.server)
        .get(`/v1/audit/relationships/${mixed}/state`)
        .set('Authorization', bearer('auditor'))
        .expect(200);
      await request(t.server)
        .get(`/v1/audit/verify?streamId=relationship-${mixed}`)
        .set('Authorization', bearer('auditor'))
        .expect(200);
      await request(t.server)
        .get(`/v1/offerings?providerId=${mixedCase(f.providerId)}`)
        .set('Authorization', bearer('analyst'))
        .expect(200)
        .expect((res) => expect(JSON.stringify(res.body)).toContain(f.offeringId));
    });

    it('every other route family: offerings, organizations, improvements', async () => {
      const { providerId: _provider, ...description } = offeringBodyFor(f.providerId);
      const offering = await post(t, `/v1/offerings/${mixedCase(f.offeringId)}/revise`, {
        ...description,
        name: 'Revised in mixed case',
      });
      expect(offering.status).toBe(200);
      expect(offering.body.streamId).toBe(`offering-${f.offeringId}`);
      const improvement = await post(t, '/v1/improvements', {
        subject: { relationshipId: f.relationshipId.toUpperCase() },
        title: 'Mixed case',
        dimension: 'value-streams-and-processes',
        valueChainActivity: 'improve',
        metric: 'restore-minutes',
        baseline: 60,
        target: 30,
        direction: 'decrease',
        targetDate: '2027-01-01',
        owner: 'Dana',
      });
      expect(improvement.status).toBe(201);
      const id = improvement.body.id as string;
      const hold = await post(t, `/v1/improvements/${id.toUpperCase()}/hold`, { reason: 'wait' });
      expect(hold.status).toBe(200);
      expect(hold.body.id).toBe(id);
      for (const path of [
        `/v1/improvements/${mixedCase(id)}?minPosition=${hold.body.position as string}`,
        `/v1/organizations/${mixedCase(f.providerId)}`,
        `/v1/relationships?providerId=${f.providerId.toUpperCase()}`,
      ]) {
        const res = await request(t.server).get(path).set('Authorization', bearer('analyst'));
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        // Every uuid in the answer is in lower case (an all-digit prefix is not upper case).
        const uuids = JSON.stringify(res.body).match(UUID_ANY_CASE) ?? [];
        expect(uuids.filter((id) => id !== id.toLowerCase())).toEqual([]);
      }
    });

    it('an Idempotency-Key retry with the id in another case is the same request', async () => {
      const headers = { 'Idempotency-Key': randomUUID() };
      const first = await post(t, `${r}/outputs`, { description: 'once' }, { headers });
      const upper = `/v1/relationships/${f.relationshipId.toUpperCase()}/outputs`;
      const retry = await post(t, upper, { description: 'once' }, { headers });
      expect(first.status).toBe(200);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
    });
  });

  describe('6: unsafe integers in query parameters → 400', () => {
    it.each(['9007199254740993', '1e20', '18446744073709551616'])(
      'as-of revision=%s',
      async (value) => {
        const res = await request(t.server)
          .get(`/v1/audit/relationships/${f.relationshipId}/state?revision=${value}`)
          .set('Authorization', bearer('auditor'));
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.errors[0].field).toBe('revision');
      },
    );

    it.each(['9007199254740993', '18446744073709551616'])(
      'export fromPosition=%s',
      async (value) => {
        const res = await request(t.server)
          .get(`/v1/audit/export?fromPosition=${value}`)
          .set('Authorization', bearer('auditor'));
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      },
    );

    it('the event stream: fromPosition and Last-Event-ID beyond the store', async () => {
      for (const [query, header] of [
        ['?fromPosition=9007199254740993', undefined],
        ['', '18446744073709551616'],
      ] as const) {
        let req = request(t.server)
          .get(`/v1/events/stream${query}`)
          .set('Authorization', bearer('analyst'));
        if (header) req = req.set('Last-Event-ID', header);
        const res = await req;
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    });

    it('history fromRevision and page limits too', async () => {
      for (const path of [
        `/v1/audit/streams/relationship-${f.relationshipId}?fromRevision=9007199254740993`,
        `/v1/offerings?limit=1e20`,
        `/v1/offerings?offset=18446744073709551616`,
      ]) {
        const res = await request(t.server).get(path).set('Authorization', bearer('admin'));
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
      }
    });
  });

  describe('13: Idempotency-Key', () => {
    it('an empty key → 400', async () => {
      const before = await head();
      for (const value of ['', '   ']) {
        const res = await post(
          t,
          `${r}/outputs`,
          { description: 'x' },
          { headers: { 'Idempotency-Key': value } },
        );
        expect(res.status).toBe(400);
        expect(res.body.errors[0].field).toBe('Idempotency-Key');
      }
      expect(await head()).toBe(before);
    });
  });

  describe('13: a refused command does not keep its key', () => {
    it('409, then the corrected request with the same key succeeds', async () => {
      await post(t, `${r}/stakeholders`, { role: 'customer', name: 'C' }).expect(200);
      const headers = { 'Idempotency-Key': randomUUID() };
      const wrong = { stakeholderRole: 'customer', description: 'd', enabledBy: [randomUUID()] };
      const refused = await post(t, `${r}/outcomes`, wrong, { headers });
      expect(refused.body).toMatchObject({ status: 409, rule: 'unknown-output' });
      const output = await post(t, `${r}/outputs`, { description: 'enabler' }).expect(200);
      const right = { ...wrong, enabledBy: [output.body.outputId as string] };
      const accepted = await post(t, `${r}/outcomes`, right, { headers });
      expect(accepted.status).toBe(200);
      const retry = await post(t, `${r}/outcomes`, right, { headers });
      expect(retry.body).toEqual(accepted.body);
      expect((await post(t, `${r}/outcomes`, wrong, { headers })).status).toBe(422);
    });
  });

  describe('11: the HTTP layer answers problem+json too', () => {
    it('a path parameter over the limit → 414', async () => {
      const res = await request(t.server)
        .get(`/v1/audit/streams/${'a'.repeat(5000)}`)
        .set('Authorization', bearer('auditor'));
      expect(res.status).toBe(414);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(res.body)).not.toContain('FST_');
    });

    it('a bad percent-encoding → 400', async () => {
      const res = await request(t.server)
        .get('/v1/relationships/%E0%A4%A')
        .set('Authorization', bearer('analyst'));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(res.body)).not.toContain('FST_');
    });

    it('a form body → 415', async () => {
      const res = await request(t.server)
        .post(`${r}/outputs`)
        .set('Authorization', bearer('service'))
        .type('form')
        .send('description=x');
      expect(res.status).toBe(415);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });
});

function mixedCase(id: string): string {
  return [...id].map((c, i) => (i % 2 === 0 ? c.toUpperCase() : c)).join('');
}
