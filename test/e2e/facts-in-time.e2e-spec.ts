import { establishedRelationship, post, streamEvents } from '../support/commands';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(30_000);

/**
 * SPEC v2 through the HTTP API: facts placed in time, measurements judged against the
 * warranty in force, corrections by retraction. Every refusal is a precise problem and
 * appends nothing.
 */
describe('facts in time, warranty, corrections (e2e)', () => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof establishedRelationship>>;
  let r: string;
  let stream: string;

  beforeAll(async () => {
    t = await startTestApp();
    f = await establishedRelationship(t);
    r = `/v1/relationships/${f.relationshipId}`;
    stream = `relationship-${f.relationshipId}`;
    await post(t, `/v1/offerings/${f.offeringId}/revise`, {
      name: 'Managed PostgreSQL',
      targetConsumerGroup: 'product teams',
      goods: [],
      resourceAccess: ['managed cluster'],
      serviceActions: ['backups'],
      utility: ['stores relational data'],
      warranty: {
        serviceLevels: [
          { metric: 'availability', target: 99.5, comparison: 'at-least', unit: 'percent' },
          { metric: 'resolution-hours', target: 6, comparison: 'at-most', unit: 'hours' },
        ],
      },
      effectiveFrom: '2025-04-01T00:00:00Z',
    }).expect(200);
    await post(t, `${r}/provisions`, {
      offeringId: f.offeringId,
      occurredAt: '2025-01-15T00:00:00Z',
    }).expect(200);
  });

  afterAll(async () => {
    await t.dispose();
  });

  async function refused(status: number, path: string, body: object) {
    const before = (await streamEvents(t, stream)).length;
    const res = await post(t, path, body).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await streamEvents(t, stream)).toHaveLength(before);
    return res.body as { rule?: string; errors?: { field: string }[] };
  }

  const measure = (metric: string, actual: number, start: string, end: string, extra = {}) => ({
    offeringId: f.offeringId,
    metric,
    actual,
    period: { start, end },
    ...extra,
  });

  it('records a backdated fact with its occurredAt; metadata keeps recordedAt', async () => {
    const res = await post(t, `${r}/costs`, {
      effect: 'imposed',
      amount: '120',
      currency: 'EUR',
      description: 'January fee',
      occurredAt: '2025-01-31T12:00:00+01:00',
    }).expect(200);
    const events = await streamEvents(t, stream);
    const last = events[events.length - 1];
    expect(last.data).toMatchObject({
      costId: res.body.costId,
      occurredAt: '2025-01-31T11:00:00.000Z',
    });
    expect(Date.parse(last.metadata.recordedAt ?? '')).toBeGreaterThan(Date.parse('2026-01-01'));
  });

  it('refuses occurredAt more than 5 minutes ahead (400 naming the field) and before the relationship (409)', async () => {
    const future = new Date(Date.now() + 10 * 60_000).toISOString();
    const body = { effect: 'imposed', amount: '1', currency: 'EUR', description: 'x' };
    const tooLate = await refused(400, `${r}/costs`, { ...body, occurredAt: future });
    expect(tooLate.errors?.[0]?.field).toBe('occurredAt');
    const tooEarly = await refused(409, `${r}/costs`, {
      ...body,
      occurredAt: '2024-12-31T00:00:00Z',
    });
    expect(tooEarly.rule).toBe('before-relationship-established');
  });

  it('judges a measurement against the revision in force at period.start, and stores the breach', async () => {
    // March: the v1 warranty (availability ≥ 99.9) is in force; May: the revision (≥ 99.5).
    await post(
      t,
      `${r}/service-levels`,
      measure('availability', 99.7, '2025-03-01', '2025-04-01'),
    ).expect(200);
    await post(
      t,
      `${r}/service-levels`,
      measure('availability', 99.7, '2025-05-01', '2025-06-01'),
    ).expect(200);
    const measured = (await streamEvents(t, stream)).filter(
      (e) => e.type === 'ServiceLevelMeasured',
    );
    expect(measured.map((e) => [e.data.target, e.data.breached])).toEqual([
      [99.9, true],
      [99.5, false],
    ]);
  });

  it('refuses metric-not-in-warranty, target-mismatch and period-overlaps', async () => {
    const before = await refused(
      409,
      `${r}/service-levels`,
      measure('resolution-hours', 5, '2025-03-01', '2025-04-01'),
    );
    expect(before.rule).toBe('metric-not-in-warranty');
    const mismatch = await refused(
      409,
      `${r}/service-levels`,
      measure('resolution-hours', 5, '2025-05-01', '2025-06-01', { target: 8 }),
    );
    expect(mismatch.rule).toBe('target-mismatch');
    const overlap = await refused(
      409,
      `${r}/service-levels`,
      measure('availability', 99.9, '2025-05-15', '2025-06-15'),
    );
    expect(overlap.rule).toBe('period-overlaps');
  });

  it('retracts a measurement, then the period can be measured again', async () => {
    const wrong = await post(
      t,
      `${r}/service-levels`,
      measure('resolution-hours', 60, '2025-06-01', '2025-07-01'),
    ).expect(200);
    const retraction = await post(t, `${r}/retractions`, {
      factId: wrong.body.measurementId,
      reason: 'hours typed as minutes',
    }).expect(200);
    expect(retraction.body).toMatchObject({ id: f.relationshipId, revision: expect.any(Number) });
    const again = await refused(409, `${r}/retractions`, {
      factId: wrong.body.measurementId,
      reason: 'twice',
    });
    expect(again.rule).toBe('already-retracted');
    await post(
      t,
      `${r}/service-levels`,
      measure('resolution-hours', 1, '2025-06-01', '2025-07-01'),
    ).expect(200);
    const events = await streamEvents(t, stream);
    expect(events.filter((e) => e.type === 'FactRetracted')).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          factId: wrong.body.measurementId,
          factType: 'ServiceLevelMeasured',
          reason: 'hours typed as minutes',
        }),
      }),
    ]);
  });

  it('refuses unknown-fact and output-enables-outcome; retracting a stakeholder unassigns it', async () => {
    const unknown = await refused(409, `${r}/retractions`, {
      factId: '00000000-0000-4000-8000-000000000000',
      reason: 'no such fact',
    });
    expect(unknown.rule).toBe('unknown-fact');
    const customer = await post(t, `${r}/stakeholders`, { role: 'customer', name: 'Dana' }).expect(
      200,
    );
    const output = await post(t, `${r}/outputs`, { description: 'report' }).expect(200);
    const outcome = await post(t, `${r}/outcomes`, {
      stakeholderRole: 'customer',
      description: 'faster close',
      enabledBy: [output.body.outputId],
    }).expect(200);
    const needed = await refused(409, `${r}/retractions`, {
      factId: output.body.outputId,
      reason: 'wrong',
    });
    expect(needed.rule).toBe('output-enables-outcome');
    await post(t, `${r}/retractions`, { factId: outcome.body.outcomeId, reason: 'wrong' }).expect(
      200,
    );
    await post(t, `${r}/retractions`, { factId: output.body.outputId, reason: 'wrong' }).expect(
      200,
    );
    await post(t, `${r}/retractions`, {
      factId: customer.body.stakeholderId,
      reason: 'left',
    }).expect(200);
    const review = await refused(409, `${r}/reviews`, {
      stakeholderRole: 'customer',
      valueScore: 3,
    });
    expect(review.rule).toBe('stakeholder-role-not-assigned');
  });

  it('validates the retraction body: 400 for a missing reason or a factId that is no uuid', async () => {
    await refused(400, `${r}/retractions`, { factId: 'x', reason: 'r' });
    await refused(400, `${r}/retractions`, { factId: '00000000-0000-4000-8000-000000000000' });
  });
});
