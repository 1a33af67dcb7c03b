import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { establishedRelationship, offeringBody, post, streamEvents } from '../support/commands';
import { startTestApp, TestApp } from '../support/test-app';

describe('command routes: If-Match, Idempotency-Key, concurrency', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.dispose();
  });

  describe('If-Match', () => {
    it('appends at the expected revision (200) and refuses a stale one (412)', async () => {
      const { relationshipId } = await establishedRelationship(t);
      const path = `/v1/relationships/${relationshipId}/outputs`;
      const ok = await post(t, path, { description: 'a' }, { headers: { 'If-Match': '"0"' } });
      expect(ok.status).toBe(200);
      expect(ok.body.revision).toBe(1);
      expect(ok.headers.etag).toBe('"1"');
      const before = await streamEvents(t, ok.body.streamId);
      const stale = await post(t, path, { description: 'b' }, { headers: { 'If-Match': '"0"' } });
      expect(stale.status).toBe(412);
      expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(stale.body).toMatchObject({ status: 412, title: 'Precondition failed' });
      expect(await streamEvents(t, ok.body.streamId)).toEqual(before);
      const next = await post(
        t,
        path,
        { description: 'c' },
        { headers: { 'If-Match': ok.headers.etag } },
      );
      expect(next.status).toBe(200);
    });

    it('412 on offerings and improvements too', async () => {
      const { providerId, offeringId } = await establishedRelationship(t);
      const revise = { ...offeringBody(providerId), providerId: undefined };
      const stream = `offering-${offeringId}`;
      const before = await streamEvents(t, stream);
      const res = await post(t, `/v1/offerings/${offeringId}/revise`, revise, {
        headers: { 'If-Match': '"5"' },
      });
      expect(res.status).toBe(412);
      expect(await streamEvents(t, stream)).toEqual(before);
      const imp = await post(t, '/v1/improvements', {
        subject: { offeringId },
        title: 't',
        dimension: 'organizations-and-people',
        valueChainActivity: 'engage',
        metric: 'm',
        direction: 'increase',
        baseline: 1,
        target: 2,
        targetDate: '2026-12-31',
        owner: 'o',
      }).expect(201);
      const approve = await post(
        t,
        `/v1/improvements/${imp.body.id}/approve`,
        {},
        {
          headers: { 'If-Match': '"1"' },
        },
      );
      expect(approve.status).toBe(412);
      await post(
        t,
        `/v1/improvements/${imp.body.id}/approve`,
        {},
        { headers: { 'If-Match': '"0"' }, role: 'analyst' },
      ).expect(200);
    });

    it('20 parallel commands with the same If-Match: one 2xx, 19 × 412, one event', async () => {
      const { relationshipId } = await establishedRelationship(t);
      const stream = `relationship-${relationshipId}`;
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          post(
            t,
            `/v1/relationships/${relationshipId}/outputs`,
            { description: `o${i}` },
            {
              headers: { 'If-Match': '"0"' },
            },
          ),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses.filter((s) => s >= 200 && s < 300)).toEqual([200]);
      expect(statuses.filter((s) => s === 412)).toHaveLength(19);
      expect((await streamEvents(t, stream)).map((e) => e.type)).toEqual([
        'RelationshipEstablished',
        'OutputDelivered',
      ]);
    });

    it('20 parallel commands without If-Match all land, each at its own revision', async () => {
      const { relationshipId } = await establishedRelationship(t);
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          post(t, `/v1/relationships/${relationshipId}/outputs`, { description: `o${i}` }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      const revisions = answers.map((a) => a.body.revision as number).sort((a, b) => a - b);
      expect(revisions).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await streamEvents(t, `relationship-${relationshipId}`)).toHaveLength(21);
    });
  });

  describe('Idempotency-Key', () => {
    it('a retry answers the first result and appends nothing', async () => {
      const { relationshipId } = await establishedRelationship(t);
      const path = `/v1/relationships/${relationshipId}/outputs`;
      const headers = { 'Idempotency-Key': `out-${randomUUID()}` };
      const first = await post(t, path, { description: 'report' }, { headers }).expect(200);
      const again = await post(t, path, { description: 'report' }, { headers }).expect(200);
      expect(again.body).toEqual(first.body);
      expect(again.headers.etag).toBe(first.headers.etag);
      const events = await streamEvents(t, first.body.streamId);
      expect(events.filter((e) => e.type === 'OutputDelivered')).toHaveLength(1);
      expect(events[1].data.outputId).toBe(first.body.outputId);
    });

    it('a create without id: the retry names the same aggregate; key order does not matter', async () => {
      const headers = { 'Idempotency-Key': randomUUID() };
      const first = await post(t, '/v1/organizations', { name: 'Keyed' }, { headers }).expect(201);
      const again = await post(t, '/v1/organizations', { name: 'Keyed' }, { headers }).expect(201);
      expect(again.body).toEqual(first.body);
      expect(await streamEvents(t, first.body.streamId)).toHaveLength(1);
      const providerId = first.body.id as string;
      const h2 = { 'Idempotency-Key': randomUUID() };
      const body = offeringBody(providerId);
      const o1 = await post(t, '/v1/offerings', body, { headers: h2 }).expect(201);
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const o2 = await post(t, '/v1/offerings', reordered, { headers: h2 }).expect(201);
      expect(o2.body).toEqual(o1.body);
    });

    it('the same key with another body or path answers 422 and appends nothing', async () => {
      const { relationshipId } = await establishedRelationship(t);
      const stream = `relationship-${relationshipId}`;
      const path = `/v1/relationships/${relationshipId}/outputs`;
      const headers = { 'Idempotency-Key': randomUUID() };
      await post(t, path, { description: 'first' }, { headers }).expect(200);
      const before = await streamEvents(t, stream);
      const other = await post(t, path, { description: 'second' }, { headers });
      expect(other.status).toBe(422);
      expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(other.body).toMatchObject({ status: 422, title: 'Idempotency-Key reused' });
      const risk = { effect: 'imposed', description: 'd', severity: 'low' };
      const elsewhere = await post(t, `/v1/relationships/${relationshipId}/risks`, risk, {
        headers,
      });
      expect(elsewhere.status).toBe(422);
      expect(await streamEvents(t, stream)).toEqual(before);
    });

    it('keys are scoped by actor', async () => {
      const { relationshipId } = await establishedRelationship(t);
      const path = `/v1/relationships/${relationshipId}/outputs`;
      const headers = { 'Idempotency-Key': randomUUID() };
      const a = await post(t, path, { description: 'x' }, { headers }).expect(200);
      const b = await post(t, path, { description: 'x' }, { headers, role: 'admin' }).expect(200);
      expect(b.body.outputId).not.toBe(a.body.outputId);
      expect(await streamEvents(t, a.body.streamId)).toHaveLength(3);
    });

    it('10 parallel retries of one keyed command append once and all answer the same', async () => {
      const { relationshipId } = await establishedRelationship(t);
      const headers = { 'Idempotency-Key': randomUUID() };
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          post(
            t,
            `/v1/relationships/${relationshipId}/outputs`,
            { description: 'once' },
            { headers },
          ),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
      for (const a of answers) expect(a.body).toEqual(answers[0].body);
      expect(await streamEvents(t, `relationship-${relationshipId}`)).toHaveLength(2);
    });

    it('a create carrying its own id is idempotent without a key', async () => {
      const id = randomUUID();
      const first = await post(t, '/v1/organizations', { id, name: 'Own id' }).expect(201);
      const again = await post(t, '/v1/organizations', { id, name: 'Own id' }).expect(201);
      expect(again.body).toEqual(first.body);
      expect(await streamEvents(t, `organization-${id}`)).toHaveLength(1);
    });
  });

  describe('Idempotency-Key across restarts', () => {
    it('answers the first result after a restart, and after losing the key index', async () => {
      let app = await startTestApp();
      try {
        const { relationshipId } = await establishedRelationship(app);
        const path = `/v1/relationships/${relationshipId}/costs`;
        const body = { effect: 'removed', amount: '12.50', currency: 'EUR', description: 'c' };
        const headers = { 'Idempotency-Key': 'cost-2026-01' };
        const first = await post(app, path, body, { headers }).expect(200);
        const createHeaders = { 'Idempotency-Key': 'org-create-1' };
        const org = await post(
          app,
          '/v1/organizations',
          { name: 'Z' },
          { headers: createHeaders },
        ).expect(201);

        app = await app.restart();
        const again = await post(app, path, body, { headers }).expect(200);
        expect(again.body).toEqual(first.body);
        const mismatch = await post(app, path, { ...body, amount: '13' }, { headers });
        expect(mismatch.status).toBe(422);
        expect(await streamEvents(app, first.body.streamId)).toHaveLength(2);

        // A crash between the append and recording the answer loses at most the index entry:
        // the events' metadata still answers the retry.
        await app.close();
        for (const file of readdirSync(app.dataDir).filter((f) => f.startsWith('idempotency.db'))) {
          rmSync(join(app.dataDir, file));
        }
        app = await startTestApp({ dataDir: app.dataDir });
        const afterLoss = await post(app, path, body, { headers }).expect(200);
        expect(afterLoss.body).toEqual(first.body);
        const orgAgain = await post(
          app,
          '/v1/organizations',
          { name: 'Z' },
          { headers: createHeaders },
        ).expect(201);
        expect(orgAgain.body).toEqual(org.body);
        expect(await streamEvents(app, first.body.streamId)).toHaveLength(2);
        expect(await streamEvents(app, org.body.streamId)).toHaveLength(1);
      } finally {
        await app.dispose();
      }
    });
  });
});
