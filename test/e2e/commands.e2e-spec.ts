import { randomUUID } from 'node:crypto';
import { EVENT_SCHEMA_VERSIONS } from '@app/domain';
import { EPOCH_OF_TESTS, offeringBody, post, streamEvents, streamTypes } from '../support/commands';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * The full scenario of issue 3 through the HTTP API: every command route answers as SPEC.md
 * says, and each stream ends with exactly the expected events and metadata.
 */
describe('command routes: the full ITIL scenario', () => {
  let t: TestApp;
  const positions: bigint[] = [];

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.dispose();
  });

  /** Checks the answer shape, ETag and position order; returns the body. */
  async function command(
    path: string,
    body: object | undefined,
    status: 200 | 201,
    headers: Record<string, string> = {},
  ) {
    const res = await post(t, path, body, { headers });
    if (res.status !== status)
      throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    expect(res.body).toEqual(
      expect.objectContaining({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        streamId: expect.stringMatching(/^(organization|offering|relationship|improvement)-/),
        revision: expect.any(Number),
        position: expect.stringMatching(/^\d+$/),
      }),
    );
    expect(res.body.streamId).toBe(`${res.body.streamId.split('-')[0]}-${res.body.id}`);
    expect(res.headers.etag).toBe(`"${res.body.revision}"`);
    const position = BigInt(res.body.position);
    if (positions.length > 0) expect(position > positions[positions.length - 1]).toBe(true);
    positions.push(position);
    return res.body;
  }

  it('records provider to evaluation, answering every command as specified', async () => {
    const correlation = { 'X-Correlation-Id': 'scenario-42' };
    const provider = await command('/v1/organizations', { name: 'Acme Hosting' }, 201, correlation);
    expect(provider.revision).toBe(0);
    const consumerId = randomUUID();
    const consumer = await command(
      '/v1/organizations',
      { id: consumerId, name: 'Beta Retail' },
      201,
    );
    expect(consumer.id).toBe(consumerId);

    const offering = await command('/v1/offerings', offeringBody(provider.id), 201);
    const revised = await command(
      `/v1/offerings/${offering.id}/revise`,
      { ...offeringBody(provider.id, { name: 'Managed PostgreSQL 16' }), providerId: undefined },
      200,
    );
    expect(revised.revision).toBe(1);
    const spare = await command('/v1/offerings', offeringBody(provider.id, { name: 'Spare' }), 201);
    await command(`/v1/offerings/${spare.id}/retire`, { reason: 'superseded' }, 200);

    const rel = await command(
      '/v1/relationships',
      { providerId: provider.id, consumerId: consumer.id, occurredAt: EPOCH_OF_TESTS },
      201,
    );
    const r = `/v1/relationships/${rel.id}`;
    for (const role of ['customer', 'user', 'sponsor']) {
      const s = await command(`${r}/stakeholders`, { role, name: `the ${role}` }, 200);
      expect(s.stakeholderId).toMatch(/^[0-9a-f-]{36}$/);
    }
    await command(`${r}/provisions`, { offeringId: offering.id }, 200);
    const consumed = await command(
      `${r}/consumptions`,
      { offeringId: offering.id, description: '1,200 database hours' },
      200,
    );
    expect(consumed.consumptionId).toBeDefined();
    const out1 = await command(`${r}/outputs`, { description: 'monthly capacity report' }, 200);
    const out2 = await command(`${r}/outputs`, { description: 'restored backup' }, 200);
    expect(out1.outputId).toMatch(/^[0-9a-f-]{36}$/);
    const outcome = await command(
      `${r}/outcomes`,
      {
        stakeholderRole: 'customer',
        description: 'faster month-end close',
        enabledBy: [out1.outputId, out2.outputId],
      },
      200,
    );
    expect(outcome.outcomeId).toBeDefined();
    await command(
      `${r}/costs`,
      { effect: 'removed', amount: '1250.50', currency: 'EUR', description: 'licences' },
      200,
    );
    await command(
      `${r}/costs`,
      { effect: 'imposed', amount: 300, currency: 'EUR', description: 'subscription fee' },
      200,
    );
    await command(
      `${r}/risks`,
      { effect: 'removed', description: 'hardware failure', severity: 'high' },
      200,
    );
    await command(
      `${r}/risks`,
      { effect: 'imposed', description: 'vendor lock-in', severity: 'medium' },
      200,
    );
    const measured = await command(
      `${r}/service-levels`,
      {
        offeringId: offering.id,
        metric: 'availability',
        target: 99.9,
        actual: 99.95,
        period: { start: '2026-01-01', end: '2026-01-31T23:59:59Z' },
      },
      200,
    );
    expect(measured.measurementId).toBeDefined();
    const review = await command(
      `${r}/reviews`,
      { stakeholderRole: 'sponsor', valueScore: 4, comment: 'worth it' },
      200,
    );
    expect(review.reviewId).toBeDefined();

    const improvement = await command(
      '/v1/improvements',
      {
        subject: { relationshipId: rel.id },
        title: 'Automate failover',
        dimension: 'information-and-technology',
        valueChainActivity: 'improve',
        metric: 'availability',
        direction: 'increase',
        baseline: 99.5,
        target: 99.95,
        targetDate: '2026-12-31',
        owner: 'Dana Reyes',
      },
      201,
    );
    const i = `/v1/improvements/${improvement.id}`;
    // Four eyes: another key than the proposer's approves and rejects.
    const colleague = { Authorization: bearer('analyst') };
    await command(`${i}/approve`, undefined, 200, colleague);
    await command(`${i}/implement`, {}, 200);
    const evaluated = await command(`${i}/evaluate`, { actual: 99.97, closure: 'successful' }, 200);
    expect(evaluated.revision).toBe(3);
    const rejected = await command(
      '/v1/improvements',
      {
        subject: { offeringId: offering.id },
        title: 'Add a read replica',
        dimension: 'partners-and-suppliers',
        valueChainActivity: 'obtain-build',
        metric: 'p99 latency ms',
        direction: 'decrease',
        baseline: 40,
        target: 20,
        targetDate: '2026-12-31',
        owner: 'Lee Park',
      },
      201,
    );
    await command(`/v1/improvements/${rejected.id}/reject`, { reason: 'not now' }, 200, colleague);
    const ended = await command(`${r}/end`, { reason: 'contract over' }, 200);

    // Each stream holds exactly the expected events, in order.
    expect(await streamTypes(t, provider.streamId)).toEqual(['OrganizationRegistered']);
    expect(await streamTypes(t, offering.streamId)).toEqual([
      'OfferingPublished',
      'OfferingRevised',
    ]);
    expect(await streamTypes(t, spare.streamId)).toEqual(['OfferingPublished', 'OfferingRetired']);
    expect(await streamTypes(t, rel.streamId)).toEqual([
      'RelationshipEstablished',
      'StakeholderAssigned',
      'StakeholderAssigned',
      'StakeholderAssigned',
      'ServiceProvisioned',
      'ServiceConsumed',
      'OutputDelivered',
      'OutputDelivered',
      'OutcomeRealized',
      'CostRecorded',
      'CostRecorded',
      'RiskRecorded',
      'RiskRecorded',
      'ServiceLevelMeasured',
      'RelationshipReviewed',
      'RelationshipEnded',
    ]);
    expect(ended.revision).toBe(15);
    expect(await streamTypes(t, improvement.streamId)).toEqual([
      'ImprovementProposed',
      'ImprovementApproved',
      'ImprovementImplemented',
      'ImprovementEvaluated',
    ]);
    expect(await streamTypes(t, rejected.streamId)).toEqual([
      'ImprovementProposed',
      'ImprovementRejected',
    ]);

    // The data is what was posted (amounts exact and normalized), ids are the answered ones.
    const relEvents = await streamEvents(t, rel.streamId);
    const costs = relEvents.filter((e) => e.type === 'CostRecorded').map((e) => e.data);
    expect(costs).toEqual([
      expect.objectContaining({ effect: 'removed', amount: '1250.5', currency: 'EUR' }),
      expect.objectContaining({ effect: 'imposed', amount: '300', offeringId: offering.id }),
    ]);
    expect(relEvents[8].data).toMatchObject({
      outcomeId: outcome.outcomeId,
      enabledBy: [out1.outputId, out2.outputId],
      stakeholderRole: 'customer',
    });
    expect(relEvents[6].data).toMatchObject({ outputId: out1.outputId, offeringId: offering.id });

    // Metadata on every event: actor, correlation, causation, time, schema version.
    const first = (await streamEvents(t, provider.streamId))[0];
    expect(first.metadata).toMatchObject({
      actor: 'test-service:service',
      correlationId: 'scenario-42',
      causationId: expect.any(String),
      schemaVersion: EVENT_SCHEMA_VERSIONS.OrganizationRegistered,
    });
    expect(Date.parse(first.recordedAt)).not.toBeNaN();
    for (const event of relEvents) {
      expect(event.metadata.actor).toBe('test-service:service');
      expect(event.metadata.correlationId).toEqual(expect.any(String));
      expect(event.metadata.causationId).toEqual(expect.any(String));
      expect(event.metadata.schemaVersion).toBe(
        EVENT_SCHEMA_VERSIONS[event.type as 'CostRecorded'],
      );
    }
  });
});
