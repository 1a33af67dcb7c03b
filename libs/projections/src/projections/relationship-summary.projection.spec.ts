import { LedgerEvent } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { withNet } from './money-by-currency';
import { ProjectionHarness } from './projection-harness';
import {
  OrganizationEntry,
  RelationshipSummary,
  RelationshipSummaryProjection,
} from './relationship-summary.projection';

const PROVIDER = '11111111-1111-4111-8111-111111111111';
const CONSUMER = '22222222-2222-4222-8222-222222222222';
const OFFERING = '33333333-3333-4333-8333-333333333333';
const REL = '44444444-4444-4444-8444-444444444444';

/** An event of any shape (v2 events the domain may not export yet). */
function event(type: string, data: Record<string, unknown>): LedgerEvent {
  return { type, data } as unknown as LedgerEvent;
}

const fact = (type: string, data: Record<string, unknown>) =>
  event(type, { relationshipId: REL, offeringId: OFFERING, ...data });

describe('relationship summary projection (v2)', () => {
  let h: ProjectionHarness;
  let history: RecordedEvent[];

  beforeEach(async () => {
    h = new ProjectionHarness(new RelationshipSummaryProjection());
    history = [
      h.recorded(event('OrganizationRegistered', { organizationId: PROVIDER, name: 'Acme IT' })),
      h.recorded(
        event('RelationshipEstablished', {
          relationshipId: REL,
          providerId: PROVIDER,
          consumerId: CONSUMER,
          occurredAt: '2025-01-10T00:00:00.000Z',
        }),
      ),
      h.recorded(
        fact('StakeholderAssigned', {
          stakeholderId: 's1',
          role: 'customer',
          name: 'Ann',
          occurredAt: '2025-01-11T00:00:00.000Z',
        }),
      ),
      h.recorded(fact('ServiceProvisioned', { occurredAt: '2025-01-12T00:00:00.000Z' })),
      h.recorded(
        fact('CostRecorded', { costId: 'c1', effect: 'removed', amount: '0.1', currency: 'EUR' }),
      ),
      h.recorded(
        fact('CostRecorded', { costId: 'c2', effect: 'imposed', amount: '0.3', currency: 'EUR' }),
      ),
      h.recorded(
        fact('CostRecorded', { costId: 'c3', effect: 'imposed', amount: '5', currency: 'USD' }),
      ),
      h.recorded(fact('RiskRecorded', { riskId: 'r1', effect: 'imposed', severity: 'high' })),
      h.recorded(
        fact('ServiceLevelMeasured', {
          measurementId: 'm1',
          metric: 'availability',
          actual: 99,
          target: 99.5,
          comparison: 'at-least',
          unit: 'percent',
          breached: true,
          period: { start: '2025-02-01T00:00:00.000Z', end: '2025-03-01T00:00:00.000Z' },
        }),
      ),
      h.recorded(
        fact('RelationshipReviewed', {
          reviewId: 'v1',
          stakeholderRole: 'customer',
          valueScore: 2,
        }),
      ),
      h.recorded(
        fact('RelationshipReviewed', { reviewId: 'v2', stakeholderRole: 'user', valueScore: 5 }),
      ),
    ];
    await h.feed(...history);
  });

  afterEach(() => h.close());

  const summary = async () => (await h.get<RelationshipSummary>('relationships', REL))!;
  const retract = (factId: string, factType: string) =>
    h.recorded(
      event('FactRetracted', {
        relationshipId: REL,
        factId,
        factType,
        reason: 'posted by mistake',
      }),
    );

  it('places the relationship and its facts at their occurredAt, and totals net cost exactly', async () => {
    expect(withNet((await summary()).costs)).toEqual({
      removed: { EUR: '0.1' },
      imposed: { EUR: '0.3', USD: '5' },
      net: { EUR: '-0.2', USD: '-5' },
    });
    expect(await summary()).toMatchObject({
      providerId: PROVIDER,
      consumerId: CONSUMER,
      provider: { id: PROVIDER, name: 'Acme IT' },
      establishedAt: '2025-01-10T00:00:00.000Z',
      stakeholders: [{ stakeholderId: 's1', occurredAt: '2025-01-11T00:00:00.000Z' }],
      provisions: [
        { offeringId: OFFERING, provisionedAt: '2025-01-12T00:00:00.000Z', deprovisionedAt: null },
      ],
      risks: { imposed: { high: 1, low: 0 }, removed: { high: 0 } },
      breaches: 1,
      averageValueScore: 3.5,
    });
  });

  it('takes every kind of retracted fact back out exactly, and keeps the retraction count', async () => {
    await h.feed(
      retract('c3', 'CostRecorded'),
      retract('c1', 'CostRecorded'),
      retract('r1', 'RiskRecorded'),
      retract('m1', 'ServiceLevelMeasured'),
      retract('v1', 'RelationshipReviewed'),
      retract('s1', 'StakeholderAssigned'),
    );
    const s = await summary();
    expect(withNet(s.costs)).toEqual({
      removed: {},
      imposed: { EUR: '0.3' },
      net: { EUR: '-0.3' },
    });
    expect(s.risks.imposed.high).toBe(0);
    expect(s.counts).toMatchObject({
      costs: 1,
      risks: 0,
      measurements: 0,
      breaches: 0,
      reviews: 1,
      retractions: 6,
    });
    expect(s.breaches).toBe(0);
    expect(s.averageValueScore).toBe(5);
    expect(s.stakeholders).toEqual([]);
  });

  it('answers the same after a retraction as if the fact had never been posted', async () => {
    await h.feed(retract('c2', 'CostRecorded'), retract('v2', 'RelationshipReviewed'));
    const retracted = await summary();
    const fresh = new ProjectionHarness(new RelationshipSummaryProjection());
    const kept = history.filter((e) => e.data.costId !== 'c2' && e.data.reviewId !== 'v2');
    await fresh.feed(...kept);
    const never = (await fresh.get<RelationshipSummary>('relationships', REL))!;
    await fresh.close();
    const { counts: a, lastRecordedAt: _a, ...restA } = retracted;
    const { counts: b, lastRecordedAt: _b, ...restB } = never;
    expect(restA).toEqual(restB);
    expect({ ...a, retractions: 0 }).toEqual(b);
  });

  it('keeps a deprovisioned offering with the time it was deprovisioned', async () => {
    await h.feed(
      h.recorded(fact('ServiceDeprovisioned', { occurredAt: '2025-06-30T00:00:00.000Z' })),
      h.recorded(fact('ServiceProvisioned', { occurredAt: '2025-08-01T00:00:00.000Z' })),
    );
    expect((await summary()).provisions).toEqual([
      {
        offeringId: OFFERING,
        provisionedAt: '2025-01-12T00:00:00.000Z',
        deprovisionedAt: '2025-06-30T00:00:00.000Z',
      },
      { offeringId: OFFERING, provisionedAt: '2025-08-01T00:00:00.000Z', deprovisionedAt: null },
    ]);
    expect((await summary()).counts).toMatchObject({ provisions: 2, deprovisions: 1 });
    expect((await summary()).offerings).toEqual([OFFERING]);
  });

  it('keeps organizations with a lower-case search name', async () => {
    expect(await h.get<OrganizationEntry>('organizations', PROVIDER)).toEqual({
      id: PROVIDER,
      name: 'Acme IT',
      registeredAt: '2026-03-01T10:00:00.000Z',
      search: 'acme it',
    });
  });
});
