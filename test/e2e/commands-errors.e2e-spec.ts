import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { establishedRelationship, offeringBody, post, streamEvents } from '../support/commands';
import { startTestApp, TestApp } from '../support/test-app';

/** Every error class of SPEC.md "Errors", per route family; a refused command appends nothing. */
describe('command routes: refusals', () => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof establishedRelationship>>;
  let relStream: string;

  beforeAll(async () => {
    t = await startTestApp();
    f = await establishedRelationship(t);
    relStream = `relationship-${f.relationshipId}`;
    const r = `/v1/relationships/${f.relationshipId}`;
    await post(t, `${r}/stakeholders`, { role: 'customer', name: 'C' }).expect(200);
    await post(t, `${r}/provisions`, { offeringId: f.offeringId }).expect(200);
  });

  afterAll(async () => {
    await t.dispose();
  });

  /** Posts, expects a problem+json with `status`, and checks the stream did not change. */
  async function refused(
    streamId: string,
    status: number,
    path: string,
    body?: object,
    options: Parameters<typeof post>[3] = {},
  ) {
    const before = await streamEvents(t, streamId);
    const res = await post(t, path, body, options);
    expect({ status: res.status, body: res.body }).toMatchObject({ status });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: expect.stringMatching(/^urn:ledger:problem:/),
      title: expect.any(String),
      status,
      detail: expect.any(String),
      instance: path,
    });
    expect(await streamEvents(t, streamId)).toEqual(before);
    return res.body;
  }

  function fields(problem: { errors?: { field: string }[] }): string[] {
    return (problem.errors ?? []).map((e) => e.field);
  }

  describe('400: validation', () => {
    it('organizations: missing and unknown fields', async () => {
      const id = randomUUID();
      const stream = `organization-${id}`;
      expect(fields(await refused(stream, 400, '/v1/organizations', { id }))).toEqual(['name']);
      const p = await refused(stream, 400, '/v1/organizations', { id, name: 'X', owner: 'me' });
      expect(p.errors).toEqual([{ field: 'owner', messages: ['property owner should not exist'] }]);
      expect(fields(await refused(stream, 400, '/v1/organizations', { id, name: '   ' }))).toEqual([
        'name',
      ]);
    });

    it('offerings: nested warranty, arrays, UUIDs', async () => {
      const id = randomUUID();
      const stream = `offering-${id}`;
      const bad = offeringBody(f.providerId, { id, warranty: { availabilityTarget: 101 } });
      expect(fields(await refused(stream, 400, '/v1/offerings', bad))).toEqual([
        'warranty.availabilityTarget',
      ]);
      const noWarranty = { ...offeringBody(f.providerId, { id }), warranty: undefined };
      expect(fields(await refused(stream, 400, '/v1/offerings', noWarranty))).toEqual(['warranty']);
      const badList = offeringBody('not-a-uuid', { id, goods: ['ok', ''] });
      expect(fields(await refused(stream, 400, '/v1/offerings', badList)).sort()).toEqual([
        'goods',
        'providerId',
      ]);
      expect(
        fields(await refused(`offering-${f.offeringId}`, 400, '/v1/offerings/nope/retire', {})),
      ).toEqual(['id']);
    });

    it('relationships: amounts, currencies, enums, scores, periods, output ids', async () => {
      const r = `/v1/relationships/${f.relationshipId}`;
      const cost = { effect: 'removed', amount: '10', currency: 'EUR', description: 'd' };
      for (const [body, field] of [
        [{ ...cost, amount: '-5' }, 'amount'],
        [{ ...cost, amount: 0 }, 'amount'],
        [{ ...cost, amount: '1e3' }, 'amount'],
        [{ ...cost, amount: '1.23456' }, 'amount'],
        [{ ...cost, currency: 'usd' }, 'currency'],
        [{ ...cost, currency: 'ABC' }, 'currency'],
        [{ ...cost, effect: 'reduced' }, 'effect'],
      ] as const) {
        expect(fields(await refused(relStream, 400, `${r}/costs`, body))).toEqual([field]);
      }
      const review = { stakeholderRole: 'customer', valueScore: 6 };
      expect(fields(await refused(relStream, 400, `${r}/reviews`, review))).toEqual(['valueScore']);
      const half = { stakeholderRole: 'customer', valueScore: 3.5 };
      expect(fields(await refused(relStream, 400, `${r}/reviews`, half))).toEqual(['valueScore']);
      const outcome = { stakeholderRole: 'customer', description: 'd', enabledBy: ['x'] };
      expect(fields(await refused(relStream, 400, `${r}/outcomes`, outcome))).toEqual([
        'enabledBy',
      ]);
      const level = {
        offeringId: f.offeringId,
        metric: 'availability',
        target: 99,
        actual: 98,
        period: { start: '2026-02-01', end: '2026-01-01' },
      };
      expect(fields(await refused(relStream, 400, `${r}/service-levels`, level))).toEqual([
        'period.end',
      ]);
      const badDate = { ...level, period: { start: '2026-02-30', end: '2026-03-01' } };
      expect(fields(await refused(relStream, 400, `${r}/service-levels`, badDate))).toEqual([
        'period.start',
      ]);
      const role = { role: 'owner', name: 'n' };
      expect(fields(await refused(relStream, 400, `${r}/stakeholders`, role))).toEqual(['role']);
      const risk = { effect: 'imposed', description: 'd', severity: 'extreme' };
      expect(fields(await refused(relStream, 400, `${r}/risks`, risk))).toEqual(['severity']);
    });

    it('improvements: exactly one subject, vocabulary', async () => {
      const id = randomUUID();
      const stream = `improvement-${id}`;
      const body = {
        id,
        subject: { relationshipId: f.relationshipId, offeringId: f.offeringId },
        title: 't',
        dimension: 'information-and-technology',
        valueChainActivity: 'improve',
        metric: 'm',
        direction: 'increase',
        baseline: 1,
        target: 2,
        targetDate: '2026-12-31',
        owner: 'o',
      };
      expect(fields(await refused(stream, 400, '/v1/improvements', body))).toEqual([
        'subject.relationshipId',
      ]);
      const none = { ...body, subject: {} };
      expect(fields(await refused(stream, 400, '/v1/improvements', none))).toEqual([
        'subject.relationshipId',
      ]);
      const dim = { ...body, subject: { offeringId: f.offeringId }, dimension: 'people' };
      expect(fields(await refused(stream, 400, '/v1/improvements', dim))).toEqual(['dimension']);
    });

    it('malformed JSON, bad headers', async () => {
      const res = await request(t.server)
        .post(`/v1/relationships/${f.relationshipId}/outputs`)
        .set('Authorization', 'Bearer test-service-key-0001')
        .set('Content-Type', 'application/json')
        .send('{"description": "unterminated');
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'body', messages: [expect.any(String)] }]);
      const r = `/v1/relationships/${f.relationshipId}/outputs`;
      const body = { description: 'd' };
      for (const [name, value] of [
        ['If-Match', '"abc"'],
        ['Idempotency-Key', 'has spaces in it'],
      ]) {
        const p = await refused(relStream, 400, r, body, { headers: { [name]: value } });
        expect(fields(p)).toEqual([name]);
      }
      expect(await streamEvents(t, relStream)).toHaveLength(3);
    });
  });

  it('413: a body over the limit', async () => {
    const p = await refused(relStream, 413, `/v1/relationships/${f.relationshipId}/outputs`, {
      description: 'x'.repeat(70 * 1024),
    });
    expect(p.title).toBe('Request body too large');
  });

  it('415: a body that is not JSON', async () => {
    const before = await streamEvents(t, relStream);
    const res = await request(t.server)
      .post(`/v1/relationships/${f.relationshipId}/outputs`)
      .set('Authorization', 'Bearer test-service-key-0001')
      .set('Content-Type', 'text/plain')
      .send('description=d');
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await streamEvents(t, relStream)).toEqual(before);
  });

  describe('401 and 403 per route family', () => {
    const families = () => [
      { stream: `organization-${f.providerId}`, path: '/v1/organizations', body: { name: 'n' } },
      {
        stream: `offering-${f.offeringId}`,
        path: `/v1/offerings/${f.offeringId}/retire`,
        body: {},
      },
      {
        stream: relStream,
        path: `/v1/relationships/${f.relationshipId}/outputs`,
        body: { description: 'd' },
      },
      {
        stream: `improvement-${f.relationshipId}`,
        path: '/v1/improvements',
        body: { subject: { offeringId: f.offeringId } },
      },
    ];

    it('401 without a key or with an unknown one, with WWW-Authenticate', async () => {
      for (const { stream, path, body } of families()) {
        await refused(stream, 401, path, body, { role: 'none' });
        const before = await streamEvents(t, stream);
        const res = await request(t.server)
          .post(path)
          .set('Authorization', 'Bearer not-a-configured-key-at-all')
          .send(body);
        expect(res.status).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
        expect(await streamEvents(t, stream)).toEqual(before);
      }
    });

    it('403 for analyst and auditor; admin may post commands', async () => {
      for (const { stream, path, body } of families()) {
        // Improvement teams run improvements: analysts pass the role check there and meet
        // the body's validation instead; auditors, who query as analysts, do not.
        if (path.startsWith('/v1/improvements')) {
          await refused(stream, 400, path, body, { role: 'analyst' });
          expect((await refused(stream, 403, path, body, { role: 'auditor' })).detail).toContain(
            'auditor',
          );
          continue;
        }
        for (const role of ['analyst', 'auditor'] as const) {
          const p = await refused(stream, 403, path, body, { role });
          expect(p.detail).toContain(role);
        }
      }
      const res = await post(t, '/v1/organizations', { name: 'by admin' }, { role: 'admin' });
      expect(res.status).toBe(201);
      const [event] = await streamEvents(t, res.body.streamId);
      expect(event.metadata.actor).toBe('test-admin:admin');
    });
  });

  describe('404: unknown aggregate', () => {
    it.each([
      ['offering', (id: string) => `/v1/offerings/${id}/retire`, {}],
      ['relationship', (id: string) => `/v1/relationships/${id}/outputs`, { description: 'd' }],
      ['improvement', (id: string) => `/v1/improvements/${id}/approve`, {}],
    ])('%s', async (category, path, body) => {
      const id = randomUUID();
      const p = await refused(`${category}-${id}`, 404, path(id), body);
      expect(p.detail).toContain(id);
    });
  });

  describe('409: domain rules', () => {
    it('provider = consumer, unregistered party, existing id', async () => {
      const p = await refused(`relationship-${f.providerId}`, 409, '/v1/relationships', {
        id: f.providerId,
        providerId: f.providerId,
        consumerId: f.providerId,
      });
      expect(p.rule).toBe('provider-is-consumer');
      const id = randomUUID();
      const unregistered = await refused(`relationship-${id}`, 409, '/v1/relationships', {
        id,
        providerId: f.providerId,
        consumerId: randomUUID(),
      });
      expect(unregistered.rule).toBe('organization-not-registered');
      const again = await refused(`organization-${f.providerId}`, 409, '/v1/organizations', {
        id: f.providerId,
        name: 'Another name',
      });
      expect(again.rule).toBe('already-exists');
      const orphan = randomUUID();
      const offering = await refused(
        `offering-${orphan}`,
        409,
        '/v1/offerings',
        offeringBody(randomUUID(), { id: orphan }),
      );
      expect(offering.rule).toBe('organization-not-registered');
    });

    it('outcome naming an unknown output; provisioning a retired offering', async () => {
      const r = `/v1/relationships/${f.relationshipId}`;
      const outcome = await refused(relStream, 409, `${r}/outcomes`, {
        stakeholderRole: 'customer',
        description: 'd',
        enabledBy: [randomUUID()],
      });
      expect(outcome.rule).toBe('unknown-output');
      const retired = await post(t, '/v1/offerings', offeringBody(f.providerId)).expect(201);
      await post(t, `/v1/offerings/${retired.body.id}/retire`, {}).expect(200);
      const p = await refused(relStream, 409, `${r}/provisions`, { offeringId: retired.body.id });
      expect(p.rule).toBe('offering-retired');
      const again = await refused(
        retired.body.streamId,
        409,
        `/v1/offerings/${retired.body.id}/retire`,
        {},
      );
      expect(again.rule).toBe('offering-retired');
    });

    it('a retired offering stops new provisions, not the relationships that provisioned it; deprovisioning does', async () => {
      const other = await establishedRelationship(t);
      const r = `/v1/relationships/${other.relationshipId}`;
      const stream = `relationship-${other.relationshipId}`;
      await post(t, `${r}/provisions`, { offeringId: other.offeringId }).expect(200);
      await post(t, `/v1/offerings/${other.offeringId}/retire`, {}).expect(200);
      const measurement = {
        offeringId: other.offeringId,
        metric: 'availability',
        actual: 99.95,
        period: { start: '2026-10-01T00:00:00Z', end: '2026-11-01T00:00:00Z' },
      };
      // Facts about it go on after retirement: an exit fee, a last measurement.
      await post(t, `${r}/service-levels`, measurement).expect(200);
      await post(t, `${r}/costs`, {
        effect: 'imposed',
        amount: '500',
        currency: 'EUR',
        description: 'exit fee',
      }).expect(200);
      await post(t, `${r}/deprovisions`, { offeringId: other.offeringId }).expect(200);
      const level = await refused(stream, 409, `${r}/service-levels`, {
        ...measurement,
        period: { start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00Z' },
      });
      expect(level.rule).toBe('offering-not-provisioned');
      const again = await refused(stream, 409, `${r}/deprovisions`, {
        offeringId: other.offeringId,
      });
      expect(again.rule).toBe('offering-not-provisioned');
      const provision = await refused(stream, 409, `${r}/provisions`, {
        offeringId: other.offeringId,
      });
      expect(provision.rule).toBe('offering-retired');
    });

    it('bad lifecycle step; nothing recorded on an ended relationship', async () => {
      const other = await establishedRelationship(t);
      const imp = await post(t, '/v1/improvements', {
        subject: { relationshipId: other.relationshipId },
        title: 't',
        dimension: 'value-streams-and-processes',
        valueChainActivity: 'plan',
        metric: 'm',
        direction: 'increase',
        baseline: 1,
        target: 2,
        targetDate: '2026-12-31',
        owner: 'o',
      }).expect(201);
      const step = await refused(
        imp.body.streamId,
        409,
        `/v1/improvements/${imp.body.id}/implement`,
        {},
      );
      expect(step.title).toBe('Domain rule violated');
      expect(step.rule).toEqual(expect.any(String));
      const r = `/v1/relationships/${other.relationshipId}`;
      await post(t, `${r}/end`, {}).expect(200);
      const stream = `relationship-${other.relationshipId}`;
      const ended = await refused(stream, 409, `${r}/outputs`, { description: 'late' });
      expect(ended.rule).toBe('relationship-ended');
      const proposal = await refused(
        `improvement-${other.relationshipId}`,
        409,
        '/v1/improvements',
        {
          id: other.relationshipId,
          subject: { relationshipId: other.relationshipId },
          title: 't',
          dimension: 'value-streams-and-processes',
          valueChainActivity: 'plan',
          metric: 'm',
          direction: 'increase',
          baseline: 1,
          target: 2,
          targetDate: '2026-12-31',
          owner: 'o',
        },
      );
      expect(proposal.rule).toBe('relationship-ended');
    });
  });
});
