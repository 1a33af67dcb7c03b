import request from 'supertest';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { query } from './projections-scenario';

jest.setTimeout(30_000);

const UNKNOWN = '99999999-9999-4999-8999-999999999999';

async function post(
  t: TestApp,
  path: string,
  body: object,
): Promise<{ id: string; position: string }> {
  const res = await request(t.server).post(path).set('Authorization', bearer('service')).send(body);
  if (res.status !== 200 && res.status !== 201) {
    throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

/** GET /v1/relationships, page by page, following nextCursor. */
async function allPages(t: TestApp, params: string, minPosition: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { id: string }[]; nextCursor: string | null } = await query(
      t,
      `/v1/relationships?${params}&minPosition=${minPosition}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    ids.push(...page.items.map((r) => r.id));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return ids;
}

describe('relationship and organization lists (e2e)', () => {
  let t: TestApp;
  let provider: string;
  let consumers: string[];
  /** Relationships in the order their mean review score puts them, best first. */
  let byScore: string[];
  let position: string;

  beforeAll(async () => {
    t = await startTestApp();
    provider = (await post(t, '/v1/organizations', { name: 'Acme IT Services' })).id;
    consumers = [];
    for (const name of ['Bakery Ltd', 'Garage GmbH', 'ACME Logistics']) {
      consumers.push((await post(t, '/v1/organizations', { name })).id);
    }
    const scores = [[2], [5, 4], [3], [1, 2]];
    const relationships: { id: string; mean: number }[] = [];
    for (const [i, reviews] of scores.entries()) {
      const rel = await post(t, '/v1/relationships', {
        providerId: provider,
        consumerId: consumers[i % 3],
      });
      await post(t, `/v1/relationships/${rel.id}/stakeholders`, { role: 'customer', name: 'Ann' });
      for (const valueScore of reviews) {
        position = (
          await post(t, `/v1/relationships/${rel.id}/reviews`, {
            stakeholderRole: 'customer',
            valueScore,
          })
        ).position;
      }
      relationships.push({ id: rel.id, mean: reviews.reduce((a, b) => a + b) / reviews.length });
    }
    byScore = [...relationships].sort((a, b) => b.mean - a.mean).map((r) => r.id);
    // One more, never reviewed: last in either direction of the score.
    const unreviewed = await post(t, '/v1/relationships', {
      providerId: consumers[1],
      consumerId: consumers[2],
    });
    byScore.push(unreviewed.id);
    position = unreviewed.position;
  });

  afterAll(async () => {
    await t.dispose();
  });

  it('sorts relationships by value score and pages them by cursor, best or worst first', async () => {
    expect(await allPages(t, 'sort=-valueScore&limit=2', position)).toEqual(byScore);
    const worstFirst = [...byScore.slice(0, 4)].reverse();
    expect(await allPages(t, 'sort=valueScore&limit=3', position)).toEqual([
      ...worstFirst,
      byScore[4],
    ]);
    const first = await query(t, '/v1/relationships?sort=-valueScore&limit=1');
    expect(first).toMatchObject({ total: 5, limit: 1 });
    expect(first.items[0]).toMatchObject({
      provider: { id: provider, name: 'Acme IT Services' },
      averageValueScore: 4.5,
      counts: { reviews: 2 },
      costs: { removed: {}, imposed: {}, net: {} },
    });
  });

  it('filters relationships by provider, consumer and status', async () => {
    const mine = await query(t, `/v1/relationships?providerId=${provider.toUpperCase()}`);
    expect(mine.total).toBe(4);
    const ofBakery = await query(t, `/v1/relationships?consumerId=${consumers[0]}`);
    expect(ofBakery.items.map((r: { id: string }) => r.id).sort()).toEqual(
      [byScore[3], byScore[2]].sort(),
    );
    expect((await query(t, '/v1/relationships?status=ended')).total).toBe(0);
    expect((await query(t, `/v1/relationships?offeringId=${UNKNOWN}`)).total).toBe(0);
  });

  it('lists organizations by name and searches them; one shows both sides', async () => {
    const all = await query(t, `/v1/organizations?minPosition=${position}`);
    expect(all.items.map((o: { name: string }) => o.name)).toEqual([
      'Acme IT Services',
      'ACME Logistics',
      'Bakery Ltd',
      'Garage GmbH',
    ]);
    const acme = await query(t, '/v1/organizations?q=acme');
    expect(acme.total).toBe(2);
    const page = await query(t, '/v1/organizations?limit=3');
    const next = await query(t, `/v1/organizations?limit=3&cursor=${page.nextCursor}`);
    expect(next.items.map((o: { name: string }) => o.name)).toEqual(['Garage GmbH']);

    const garage = await query(t, `/v1/organizations/${consumers[1]}`);
    expect(garage).toMatchObject({
      id: consumers[1],
      name: 'Garage GmbH',
      asProvider: { total: 1, items: [{ id: byScore[4], counterparty: { id: consumers[2] } }] },
      asConsumer: {
        total: 1,
        items: [{ counterparty: { id: provider, name: 'Acme IT Services' } }],
      },
    });
  });

  it('answers 400 for a bad sort or cursor, and 404 for an unknown organization', async () => {
    const other = await query(t, '/v1/relationships?sort=-valueScore&limit=1');
    const cases: [string, string][] = [
      ['/v1/relationships?sort=worst', 'sort'],
      ['/v1/relationships?cursor=bm90LWEtY3Vyc29y', 'cursor'],
      [`/v1/relationships?sort=recent&cursor=${other.nextCursor}`, 'cursor'],
      ['/v1/relationships?offset=2', 'offset'],
      ['/v1/relationships?consumerId=nope', 'consumerId'],
      ['/v1/organizations?q=%07', 'q'],
      ['/v1/organizations/not-a-uuid', 'id'],
    ];
    for (const [path, field] of cases) {
      const res = await request(t.server).get(path).set('Authorization', bearer('analyst'));
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const missing = await request(t.server)
      .get(`/v1/organizations/${UNKNOWN}`)
      .set('Authorization', bearer('analyst'));
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });
});
