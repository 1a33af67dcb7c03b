import request from 'supertest';
import { startTestApp, TEST_API_KEYS, TestApp } from '../support/test-app';

/**
 * The continual improvement model end to end (issue 10): an improvement whose baseline and
 * result the ledger measures itself, four eyes, hold/resume/withdraw, an overdue one, a
 * follow-up; then the register, one entry with its before/after series, and the analytics,
 * each compared with figures worked out by hand below.
 *
 * Times are relative to the real clock (months before the current one), so "overdue" and
 * "measured before the proposal" hold whenever the test runs.
 */
const KEYS = {
  service: 'improve-e2e-service-key',
  ana: 'improve-e2e-ana-analyst-key',
  bo: 'improve-e2e-bo-analyst-key',
} as const;
type Who = keyof typeof KEYS;
const ENV = {
  LEDGER_API_KEYS: [
    TEST_API_KEYS,
    `crm:service:${KEYS.service}`,
    `ana:analyst:${KEYS.ana}`,
    `bo:analyst:${KEYS.bo}`,
  ].join(','),
};

/** 00:00 UTC on the first day of the month `back` months before the current one. */
function monthStart(back: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString();
}
const month = (back: number) => ({ start: monthStart(back), end: monthStart(back - 1) });
const DAY = 86_400_000;

/** Proposals and evaluations per recorded month, from the register's own stage times. */
function expectedMonths(
  entries: { stageTimes: { proposedAt: string; evaluatedAt: string | null } }[],
) {
  const months = new Map<string, { month: string; proposed: number; evaluated: number }>();
  const at = (time: string) => {
    const key = time.slice(0, 7);
    if (!months.has(key)) months.set(key, { month: key, proposed: 0, evaluated: 0 });
    return months.get(key)!;
  };
  for (const { stageTimes } of entries) {
    at(stageTimes.proposedAt).proposed++;
    if (stageTimes.evaluatedAt !== null) at(stageTimes.evaluatedAt).evaluated++;
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

describe('improvement management (e2e)', () => {
  let t: TestApp;
  let last = '0';

  beforeAll(async () => {
    t = await startTestApp({ env: ENV });
  });

  afterAll(async () => {
    await t.dispose();
  });

  async function send(who: Who, path: string, body: object, status = 200) {
    const res = await request(t.server)
      .post(path)
      .set('Authorization', `Bearer ${KEYS[who]}`)
      .send(body);
    if (res.status !== status) {
      throw new Error(`${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    }
    if (res.body.position) last = res.body.position as string;
    return res.body as {
      id: string;
      position: string;
      measurementId?: string;
      rule?: string;
    };
  }

  async function get(path: string) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await request(t.server)
      .get(`${path}${sep}minPosition=${last}`)
      .set('Authorization', `Bearer ${KEYS.ana}`);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  // Six months measured before the proposal (9 to 4 months back), three after (3 to 1 back).
  const BEFORE = [99, 98.5, 99.5, 98, 98.5, 99];
  const AFTER = [99.5, 99.75, 100];
  // By hand: the baseline is the mean of the last three before the proposal, the actual the
  // mean of the three that start at or after the implementation (3 months back).
  const BASELINE = (98 + 98.5 + 99) / 3; // 98.5
  const TARGET = 99.5;
  const ACTUAL = (99.5 + 99.75 + 100) / 3; // 99.75
  const BENEFIT = ((ACTUAL - BASELINE) / (TARGET - BASELINE)) * 100; // 125

  it('runs the model and answers exactly the expected figures', async () => {
    expect([BASELINE, ACTUAL, BENEFIT]).toEqual([98.5, 99.75, 125]);
    const provider = await send('service', '/v1/organizations', { name: 'Acme IT' }, 201);
    const consumer = await send('service', '/v1/organizations', { name: 'Bakery Ltd' }, 201);
    const offering = await send(
      'service',
      '/v1/offerings',
      {
        providerId: provider.id,
        name: 'Managed e-mail',
        targetConsumerGroup: 'small firms',
        goods: [],
        resourceAccess: ['mailbox'],
        serviceActions: ['support desk'],
        utility: ['send and receive mail'],
        // A warranty the months meet, so the breach-streak saga proposes nothing of its own.
        warranty: {
          serviceLevels: [
            { metric: 'availability', target: 97, comparison: 'at-least', unit: 'percent' },
          ],
        },
        effectiveFrom: monthStart(12),
      },
      201,
    );
    const relationship = await send(
      'service',
      '/v1/relationships',
      { providerId: provider.id, consumerId: consumer.id, occurredAt: monthStart(12) },
      201,
    );
    const r = `/v1/relationships/${relationship.id}`;
    await send('service', `${r}/provisions`, { offeringId: offering.id });
    const measure = (back: number, actual: number) =>
      send('service', `${r}/service-levels`, {
        offeringId: offering.id,
        metric: 'availability',
        actual,
        period: month(back),
      });
    // A mistyped month, retracted: neither the baseline nor the series counts it.
    const typo = await measure(4, 10);
    await send('service', `${r}/retractions`, { factId: typo.measurementId, reason: 'typo' });
    for (const [i, actual] of BEFORE.entries()) await measure(9 - i, actual);

    // A second relationship provisions the offering but measured nothing yet.
    const quiet = await send(
      'service',
      '/v1/relationships',
      { providerId: provider.id, consumerId: consumer.id, occurredAt: monthStart(12) },
      201,
    );
    await send('service', `/v1/relationships/${quiet.id}/provisions`, { offeringId: offering.id });

    const base = {
      title: 'Automate mailbox failover',
      dimension: 'information-and-technology',
      valueChainActivity: 'improve',
      metric: 'availability',
      direction: 'increase',
      target: TARGET,
      targetDate: monthStart(-3),
      owner: 'Dana Reyes',
      objective: 'Mail that is always there',
    };

    // Refusals first: each appends nothing.
    const nothing = await send(
      'ana',
      '/v1/improvements',
      { ...base, subject: { relationshipId: quiet.id } },
      409,
    );
    expect(nothing.rule).toBe('nothing-measured-yet');
    const unmeasurable = await send(
      'ana',
      '/v1/improvements',
      { ...base, subject: { offeringId: offering.id }, metric: 'setup-hours' },
      409,
    );
    expect(unmeasurable.rule).toBe('metric-not-measured');
    const unknownFollowUp = await send(
      'ana',
      '/v1/improvements',
      {
        ...base,
        subject: { offeringId: offering.id },
        followsUp: '00000000-0000-4000-8000-000000000000',
      },
      409,
    );
    expect(unknownFollowUp.rule).toBe('unknown-follow-up');

    // 1: an analyst proposes without a baseline: measured.
    const first = await send(
      'ana',
      '/v1/improvements',
      {
        ...base,
        subject: { offeringId: offering.id },
      },
      201,
    );
    const one = `/v1/improvements/${first.id}`;
    const own = await send('ana', `${one}/approve`, {}, 409);
    expect(own.rule).toBe('approver-is-proposer');
    await send('bo', `${one}/approve`, {});
    await send('service', `${one}/implement`, { implementedAt: monthStart(3) });
    for (const [i, actual] of AFTER.entries()) await measure(3 - i, actual);
    await send('bo', `${one}/evaluate`, { closure: 'successful', notes: 'failover automated' });

    // 2: about the relationship, held, resumed, withdrawn.
    const second = await send(
      'bo',
      '/v1/improvements',
      {
        ...base,
        title: 'Second mail relay',
        target: 99.9,
        dimension: 'partners-and-suppliers',
        valueChainActivity: 'obtain-build',
        subject: { relationshipId: relationship.id },
      },
      201,
    );
    const two = `/v1/improvements/${second.id}`;
    await send('ana', `${two}/hold`, { reason: 'budget freeze' });
    const heldApproval = await send('ana', `${two}/approve`, {}, 409);
    expect(heldApproval.rule).toBe('invalid-lifecycle-step');
    await send('ana', `${two}/resume`, {});
    await send('ana', `${two}/withdraw`, { reason: 'superseded by the platform move' });

    // 3: a stated baseline and a target date that passed yesterday: overdue.
    const third = await send(
      'ana',
      '/v1/improvements',
      {
        ...base,
        title: 'Runbook for restores',
        dimension: 'organizations-and-people',
        valueChainActivity: 'engage',
        subject: { offeringId: offering.id },
        baseline: 97.5,
        targetDate: new Date(Date.now() - DAY).toISOString(),
      },
      201,
    );

    // 4: keeps the momentum of the first.
    const fourth = await send(
      'bo',
      '/v1/improvements',
      {
        ...base,
        title: 'Keep failover tested monthly',
        owner: 'Lee Park',
        subject: { offeringId: offering.id },
        target: 99.9,
        followsUp: first.id,
      },
      201,
    );

    // The register: the first entry, every field.
    const entry = await get(one);
    const times = entry.stageTimes;
    expect(entry).toEqual({
      id: first.id,
      subject: { offeringId: offering.id },
      subjectId: offering.id,
      title: 'Automate mailbox failover',
      dimension: 'information-and-technology',
      valueChainActivity: 'improve',
      metric: 'availability',
      direction: 'increase',
      baseline: BASELINE,
      baselineSource: 'measured',
      target: TARGET,
      targetDate: monthStart(-3),
      owner: 'Dana Reyes',
      objective: 'Mail that is always there',
      followsUp: null,
      cause: null,
      status: 'evaluated',
      overdue: false,
      actual: ACTUAL,
      actualSource: 'measured',
      targetMet: true,
      benefitRealizedPercent: BENEFIT,
      closure: 'successful',
      notes: 'failover automated',
      proposedBy: 'ana:analyst',
      causationId: expect.any(String),
      approvedBy: 'bo:analyst',
      rejectedBy: null,
      evaluatedBy: 'bo:analyst',
      reason: null,
      stageTimes: {
        proposedAt: expect.any(String),
        approvedAt: expect.any(String),
        rejectedAt: null,
        withdrawnAt: null,
        heldAt: null,
        resumedAt: null,
        implementedAt: monthStart(3),
        evaluatedAt: expect.any(String),
      },
      measurements: {
        before: BEFORE.map((actual, i) => ({
          measurementId: expect.any(String),
          relationshipId: relationship.id,
          period: month(9 - i),
          actual,
        })),
        after: AFTER.map((actual, i) => ({
          measurementId: expect.any(String),
          relationshipId: relationship.id,
          period: month(3 - i),
          actual,
        })),
      },
    });
    expect(Date.parse(times.approvedAt)).toBeGreaterThanOrEqual(Date.parse(times.proposedAt));

    const ids = async (query: string) =>
      ((await get(`/v1/improvements${query}`)).items as { id: string }[]).map((i) => i.id).sort();
    const sorted = (...list: { id: string }[]) => list.map((i) => i.id).sort();
    expect(await ids('')).toEqual(sorted(first, second, third, fourth));
    expect(await ids('?status=evaluated')).toEqual(sorted(first));
    expect(await ids('?status=withdrawn')).toEqual(sorted(second));
    expect(await ids('?owner=Lee%20Park')).toEqual(sorted(fourth));
    expect(await ids(`?subjectId=${relationship.id}`)).toEqual(sorted(second));
    // The second is about a relationship that provisions the offering.
    expect(await ids(`?offeringId=${offering.id}`)).toEqual(sorted(first, second, third, fourth));
    expect(await ids(`?offeringId=${offering.id}&status=proposed`)).toEqual(sorted(third, fourth));
    expect(await ids('?overdue=true')).toEqual(sorted(third));
    expect(await ids('?dimension=organizations-and-people')).toEqual(sorted(third));
    expect(await ids('?valueChainActivity=obtain-build')).toEqual(sorted(second));

    const withdrawn = await get(two);
    expect(withdrawn).toMatchObject({
      status: 'withdrawn',
      reason: 'superseded by the platform move',
      proposedBy: 'bo:analyst',
      baseline: ACTUAL, // proposed after the last three months: they are its baseline now
      baselineSource: 'measured',
      overdue: false,
      measurements: { after: [] },
    });
    expect(withdrawn.stageTimes.heldAt).toEqual(expect.any(String));
    expect(withdrawn.stageTimes.resumedAt).toEqual(expect.any(String));
    expect(await get(`/v1/improvements/${third.id}`)).toMatchObject({
      status: 'proposed',
      baseline: 97.5,
      baselineSource: 'stated',
      overdue: true,
    });
    expect(await get(`/v1/improvements/${fourth.id}`)).toMatchObject({ followsUp: first.id });

    // The analytics: four improvements, one evaluated (met, 125 %), one withdrawn, one overdue.
    const analytics = await get('/v1/analytics/improvements');
    expect(analytics).toEqual({
      total: 4,
      byStatus: {
        proposed: 2,
        approved: 0,
        rejected: 0,
        withdrawn: 1,
        'on-hold': 0,
        implemented: 0,
        evaluated: 1,
      },
      byDimension: {
        'organizations-and-people': 1,
        'information-and-technology': 2,
        'partners-and-suppliers': 1,
        'value-streams-and-processes': 0,
      },
      byValueChainActivity: {
        plan: 0,
        improve: 2,
        engage: 1,
        'design-and-transition': 0,
        'obtain-build': 1,
        'deliver-and-support': 0,
      },
      overdue: 1,
      successRate: 1,
      benefitRealizedPercent: { mean: BENEFIT, median: BENEFIT },
      // Every step was recorded within this run: well under a hundredth of a day apart.
      cycleDays: { approval: 0, implementation: 0, evaluation: 0, total: 0 },
      monthly: expectedMonths(
        await Promise.all(
          [first, second, third, fourth].map((i) => get(`/v1/improvements/${i.id}`)),
        ),
      ),
    });
  });

  it('rejection follows four eyes too, and records who rejected and why', async () => {
    const proposal = {
      subject: { offeringId: (await get('/v1/offerings')).items[0].id as string },
      title: 'Move to a cheaper relay',
      dimension: 'partners-and-suppliers',
      valueChainActivity: 'obtain-build',
      metric: 'relay-cost-eur',
      direction: 'decrease',
      baseline: 300,
      target: 200,
      targetDate: monthStart(-6),
      owner: 'Lee Park',
    };
    const proposed = await send('bo', '/v1/improvements', proposal, 201);
    const path = `/v1/improvements/${proposed.id}`;
    expect((await send('bo', `${path}/reject`, { reason: 'mine' }, 409)).rule).toBe(
      'approver-is-proposer',
    );
    await send('ana', `${path}/reject`, { reason: 'the relay is not the cost driver' });
    expect((await send('ana', `${path}/resume`, {}, 409)).rule).toBe('invalid-lifecycle-step');
    expect(await get(path)).toMatchObject({
      status: 'rejected',
      proposedBy: 'bo:analyst',
      rejectedBy: 'ana:analyst',
      approvedBy: null,
      reason: 'the relay is not the cost driver',
      baselineSource: 'stated',
      measurements: { before: [], after: [] },
    });
  });
  it("the ledger's own proposal after a breach streak runs the same lifecycle, approved by anyone", async () => {
    const provider = await send('service', '/v1/organizations', { name: 'Relay Co' }, 201);
    const consumer = await send('service', '/v1/organizations', { name: 'Florist' }, 201);
    const offering = await send(
      'service',
      '/v1/offerings',
      {
        providerId: provider.id,
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
      },
      201,
    );
    const relationship = await send(
      'service',
      '/v1/relationships',
      { providerId: provider.id, consumerId: consumer.id, occurredAt: monthStart(12) },
      201,
    );
    const r = `/v1/relationships/${relationship.id}`;
    await send('service', `${r}/provisions`, { offeringId: offering.id });
    const breaches: string[] = [];
    for (const [back, actual] of [
      [6, 98],
      [5, 97],
      [4, 96],
    ] as const) {
      const measured = await send('service', `${r}/service-levels`, {
        offeringId: offering.id,
        metric: 'availability',
        actual,
        period: month(back),
      });
      breaches.push(measured.measurementId!);
    }
    // The saga proposes once the projections have seen the third breach.
    const deadline = Date.now() + 10_000;
    let page: { items: { id: string }[] } = { items: [] };
    while (page.items.length === 0 && Date.now() < deadline) {
      page = await get(`/v1/improvements?subjectId=${offering.id}`);
      if (page.items.length === 0) await new Promise((done) => setTimeout(done, 25));
    }
    expect(page.items).toHaveLength(1);
    const path = `/v1/improvements/${page.items[0].id}`;
    // Four eyes do not apply to the ledger's own proposals: any analyst may approve.
    await send('ana', `${path}/approve`, {});
    expect(await get(path)).toMatchObject({
      status: 'approved',
      proposedBy: 'system',
      approvedBy: 'ana:analyst',
      owner: null,
      direction: 'increase',
      baseline: (98 + 97 + 96) / 3,
      baselineSource: 'stated',
      target: 99.9,
      cause: { relationshipId: relationship.id, measurementIds: breaches },
      measurements: { before: [{ actual: 98 }, { actual: 97 }, { actual: 96 }], after: [] },
    });
  }, 20_000);
});
