import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, EventStore, JsonObject } from '@app/event-store';
import { post, streamEvents } from '../support/commands';
import { bearer, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(30_000);

/**
 * Events written by v1 code (schemaVersion 1, v1 shapes) are appended through the EventStore
 * port, as an upgraded ledger holds them, and read back through every reader: the command
 * side's fold, the projections and the audit replay. The hash chain is over what is stored.
 */
describe('v1 events upcast on read (e2e)', () => {
  let t: TestApp;
  const providerId = randomUUID();
  const consumerId = randomUUID();
  const offeringId = randomUUID();
  const relationshipId = randomUUID();
  const recordedAt = (day: number) => `2025-03-${String(day).padStart(2, '0')}T12:00:00.000Z`;
  let lastPosition = '0';

  async function appendV1(streamId: string, type: string, data: object, day: number) {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const result = await store.append(
      streamId,
      [
        {
          eventId: randomUUID(),
          type,
          data: data as JsonObject,
          metadata: { actor: 'v1:service', schemaVersion: 1, recordedAt: recordedAt(day) },
        },
      ],
      { expectedRevision: 'any' },
    );
    lastPosition = result.position;
  }

  const get = (path: string, role: 'analyst' | 'auditor' = 'analyst') =>
    request(t.server).get(path).set('Authorization', bearer(role));

  beforeAll(async () => {
    t = await startTestApp();
    await appendV1(
      `organization-${providerId}`,
      'OrganizationRegistered',
      { organizationId: providerId, name: 'Old Provider' },
      1,
    );
    await appendV1(
      `organization-${consumerId}`,
      'OrganizationRegistered',
      { organizationId: consumerId, name: 'Old Consumer' },
      1,
    );
    await appendV1(
      `offering-${offeringId}`,
      'OfferingPublished',
      {
        offeringId,
        providerId,
        name: 'Mail',
        targetConsumerGroup: 'offices',
        goods: [],
        resourceAccess: [],
        serviceActions: [],
        utility: ['mail'],
        warranty: { availabilityTarget: 99.5 },
      },
      1,
    );
    const rel = `relationship-${relationshipId}`;
    await appendV1(rel, 'RelationshipEstablished', { relationshipId, providerId, consumerId }, 2);
    await appendV1(
      rel,
      'StakeholderAssigned',
      { relationshipId, stakeholderId: randomUUID(), role: 'customer', name: 'Dana' },
      3,
    );
    await appendV1(rel, 'ServiceProvisioned', { relationshipId, offeringId }, 4);
    await appendV1(
      rel,
      'ServiceLevelMeasured',
      {
        relationshipId,
        measurementId: randomUUID(),
        offeringId,
        metric: 'availability',
        target: 99.5,
        actual: 99.1,
        comparison: 'at-least',
        period: { start: '2025-03-01', end: '2025-03-31' },
      },
      5,
    );
    await appendV1(
      rel,
      'CostRecorded',
      {
        relationshipId,
        costId: randomUUID(),
        effect: 'removed',
        amount: '100',
        currency: 'EUR',
        description: 'server',
        offeringId,
      },
      6,
    );
  });

  afterAll(async () => {
    await t.dispose();
  });

  it('the projections read them in the current shape: warranty levels, the breach, occurrence times', async () => {
    const offering = await get(`/v1/offerings/${offeringId}?minPosition=${lastPosition}`).expect(
      200,
    );
    expect(offering.body.warranty).toEqual({
      serviceLevels: [
        { metric: 'availability', target: 99.5, comparison: 'at-least', unit: 'percent' },
      ],
    });
    const summary = await get(
      `/v1/relationships/${relationshipId}?minPosition=${lastPosition}`,
    ).expect(200);
    expect(summary.body).toMatchObject({
      counts: { measurements: 1, breaches: 1, costs: 1 },
    });
  });

  it('the audit replay folds them upcast, and the chain verifies the stored bytes', async () => {
    const replay = await get(`/v1/audit/relationships/${relationshipId}/state`, 'auditor').expect(
      200,
    );
    expect(replay.body.state).toMatchObject({
      status: 'active',
      occurredAt: recordedAt(2),
    });
    expect(replay.body.integrity).toEqual({ valid: true, failures: [] });
    // The history shows what is stored: v1 data, schemaVersion 1.
    const stored = replay.body.events.find(
      (e: { type: string }) => e.type === 'ServiceLevelMeasured',
    );
    expect(stored.metadata.schemaVersion).toBe(1);
    expect(stored.data).not.toHaveProperty('breached');
    const verify = await get('/v1/audit/verify', 'auditor').expect(200);
    expect(verify.body).toMatchObject({ valid: true });
  });

  it('the command side folds them upcast: a new measurement is judged by the v1 warranty', async () => {
    const res = await post(t, `/v1/relationships/${relationshipId}/service-levels`, {
      offeringId,
      metric: 'availability',
      actual: 99.7,
      period: { start: '2025-04-01T00:00:00Z', end: '2025-05-01T00:00:00Z' },
    }).expect(200);
    const events = await streamEvents(t, res.body.streamId);
    expect(events[events.length - 1]).toMatchObject({
      type: 'ServiceLevelMeasured',
      data: { target: 99.5, comparison: 'at-least', unit: 'percent', breached: false },
      metadata: { schemaVersion: 2 },
    });
    // Before the relationship was established (its v1 recordedAt): refused.
    const early = await post(t, `/v1/relationships/${relationshipId}/costs`, {
      effect: 'imposed',
      amount: '1',
      currency: 'EUR',
      description: 'too early',
      occurredAt: '2025-03-01T00:00:00Z',
    }).expect(409);
    expect(early.body.rule).toBe('before-relationship-established');
  });
});
