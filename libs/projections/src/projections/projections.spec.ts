import { LedgerEvent } from '@app/domain';
import { ProjectionHarness } from './projection-harness';
import { CatalogOffering, CatalogProjection } from './catalog.projection';
import {
  RelationshipSummary,
  RelationshipSummaryProjection,
} from './relationship-summary.projection';
import {
  ImprovementRegisterProjection,
  RegisteredImprovement,
} from './improvement-register.projection';
import {
  IMPROVEMENT_TOTALS_KEY,
  ImprovementAnalyticsProjection,
  ImprovementTotals,
} from './improvement-analytics.projection';
import {
  AvailabilityStreaksProjection,
  BreachStreakTrigger,
} from './availability-streaks.projection';
import { improvementIdForBreachStreak } from '../saga/deterministic-id';
import { Projection } from '../projection';

const PROVIDER = '11111111-1111-4111-8111-111111111111';
const CONSUMER = '22222222-2222-4222-8222-222222222222';
const OFFERING = '33333333-3333-4333-8333-333333333333';
const RELATIONSHIP = '44444444-4444-4444-8444-444444444444';
const IMPROVEMENT = '55555555-5555-4555-8555-555555555555';

const published: LedgerEvent = {
  type: 'OfferingPublished',
  data: {
    offeringId: OFFERING,
    providerId: PROVIDER,
    name: 'Managed e-mail',
    targetConsumerGroup: 'small firms',
    goods: [],
    resourceAccess: ['mailbox'],
    serviceActions: ['support'],
    utility: ['send and receive mail'],
    warranty: { availabilityTarget: 99.9 },
  },
};

const cost = (
  n: number,
  effect: 'removed' | 'imposed',
  amount: string,
  currency = 'EUR',
): LedgerEvent => ({
  type: 'CostRecorded',
  data: {
    relationshipId: RELATIONSHIP,
    costId: `c${n}`,
    effect,
    amount,
    currency,
    description: 'licence',
    offeringId: OFFERING,
  },
});

const measured = (n: number, actual: number, metric = 'availability'): LedgerEvent => ({
  type: 'ServiceLevelMeasured',
  data: {
    relationshipId: RELATIONSHIP,
    measurementId: `m${n}`,
    offeringId: OFFERING,
    metric,
    target: 99.9,
    actual,
    comparison: 'at-least',
    period: { start: '2026-03-01', end: '2026-03-31' },
  },
});

function harness(projection: Projection): ProjectionHarness {
  return new ProjectionHarness(projection);
}

describe('catalog projection', () => {
  it('lists a published offering with its provider and retires it', () => {
    const h = harness(new CatalogProjection());
    h.feed(
      h.recorded({
        type: 'OrganizationRegistered',
        data: { organizationId: PROVIDER, name: 'Acme IT' },
      }),
      h.recorded(published, { recordedAt: '2026-03-01T00:00:00.000Z' }),
    );
    expect(h.get<CatalogOffering>('offerings', OFFERING)).toMatchObject({
      id: OFFERING,
      providerName: 'Acme IT',
      status: 'published',
      warranty: {
        serviceLevels: [
          { metric: 'availability', target: 99.9, comparison: 'at-least', unit: 'percent' },
        ],
      },
      publishedAt: '2026-03-01T00:00:00.000Z',
    });
    h.feed(
      h.recorded({ type: 'OfferingRetired', data: { offeringId: OFFERING, reason: 'replaced' } }),
    );
    expect(h.get<CatalogOffering>('offerings', OFFERING)).toMatchObject({
      status: 'retired',
      retirementReason: 'replaced',
    });
    h.close();
  });
});

describe('relationship summary projection', () => {
  it('sums costs exactly per effect and currency, and a duplicate delivery changes nothing', () => {
    const h = harness(new RelationshipSummaryProjection());
    const events = [
      h.recorded({
        type: 'OrganizationRegistered',
        data: { organizationId: PROVIDER, name: 'Acme IT' },
      }),
      h.recorded({
        type: 'RelationshipEstablished',
        data: { relationshipId: RELATIONSHIP, providerId: PROVIDER, consumerId: CONSUMER },
      }),
      h.recorded({
        type: 'StakeholderAssigned',
        data: { relationshipId: RELATIONSHIP, stakeholderId: 's1', role: 'customer', name: 'Ann' },
      }),
      h.recorded(cost(1, 'removed', '0.1')),
      h.recorded(cost(2, 'removed', '0.2')),
      h.recorded(cost(3, 'imposed', '1250.50', 'USD')),
      h.recorded(measured(1, 99.5)),
      h.recorded(measured(2, 99.95)),
    ];
    h.feed(...events.slice(0, 5));
    h.feed(...events.slice(3)); // two of these were delivered already
    h.feed(...events); // everything again
    const summary = h.get<RelationshipSummary>('relationships', RELATIONSHIP)!;
    expect(summary.provider).toEqual({ id: PROVIDER, name: 'Acme IT' });
    expect(summary.consumer).toEqual({ id: CONSUMER, name: null });
    expect(summary.costs).toEqual({
      removed: { EUR: '0.3' },
      imposed: { USD: '1250.5' },
      net: { EUR: '0.3', USD: '-1250.5' },
    });
    expect(summary.counts).toMatchObject({ costs: 3, measurements: 2, breaches: 1 });
    expect(summary.stakeholders).toHaveLength(1);
    expect(h.slot.checkpoint).toMatchObject({ position: '8', eventsApplied: 8 });
    h.close();
  });
});

describe('improvement projections', () => {
  const lifecycle = (h: ProjectionHarness) => [
    h.recorded(
      {
        type: 'ImprovementProposed',
        data: {
          improvementId: IMPROVEMENT,
          subject: { offeringId: OFFERING },
          title: 'Raise availability',
          dimension: 'information-and-technology',
          valueChainActivity: 'improve',
          metric: 'availability',
          baseline: 98,
          target: 99.9,
        },
      },
      { recordedAt: '2026-03-01T00:00:00.000Z', actor: 'system', causationId: 'ev-1' },
    ),
    h.recorded({ type: 'ImprovementApproved', data: { improvementId: IMPROVEMENT } }),
    h.recorded({ type: 'ImprovementImplemented', data: { improvementId: IMPROVEMENT } }),
    h.recorded(
      { type: 'ImprovementEvaluated', data: { improvementId: IMPROVEMENT, actual: 99.52 } },
      { recordedAt: '2026-03-11T00:00:00.000Z' },
    ),
  ];

  it('keeps the register entry with status, actual, benefit realized and cycle time', () => {
    const h = harness(new ImprovementRegisterProjection());
    const events = lifecycle(h);
    h.feed(events[0], events[1]);
    expect(h.get<RegisteredImprovement>('improvements', IMPROVEMENT)).toMatchObject({
      status: 'approved',
      proposedBy: 'system',
      causationId: 'ev-1',
      subjectId: OFFERING,
    });
    h.feed(...events);
    const entry = h.get<RegisteredImprovement>('improvements', IMPROVEMENT)!;
    expect(entry).toMatchObject({
      status: 'evaluated',
      actual: 99.52,
      cycleTimeMs: 10 * 86_400_000,
    });
    expect(entry.benefitRealized).toBeCloseTo((99.52 - 98) / (99.9 - 98), 12);
    h.close();
  });

  it('moves counts between statuses and averages cycle time and benefit', () => {
    const h = harness(new ImprovementAnalyticsProjection());
    const events = lifecycle(h);
    h.feed(...events.slice(0, 2));
    h.feed(...events.slice(0, 3));
    h.feed(...events);
    const totals = h.get<ImprovementTotals>('totals', IMPROVEMENT_TOTALS_KEY)!;
    expect(totals.total).toBe(1);
    expect(totals.byStatus).toEqual({
      proposed: 0,
      approved: 0,
      rejected: 0,
      implemented: 0,
      evaluated: 1,
    });
    expect(totals.byDimension['information-and-technology']).toBe(1);
    expect(totals.byValueChainActivity.improve).toBe(1);
    expect(totals.cycleTime).toMatchObject({ count: 1, totalMs: 10 * 86_400_000 });
    expect(totals.benefit.count).toBe(1);
    h.close();
  });
});

describe('availability streaks projection', () => {
  it('records one trigger on the third availability breach in a row, none before or after', () => {
    const h = harness(new AvailabilityStreaksProjection());
    const events = [
      h.recorded(published),
      h.recorded(measured(1, 98)),
      h.recorded(measured(2, 99.95)), // recovers: the streak starts again
      h.recorded(measured(3, 97)),
      h.recorded(measured(4, 250, 'response-time-ms')), // another metric does not count
      h.recorded(measured(5, 96)),
      h.recorded(measured(6, 95.5)), // third in a row
      h.recorded(measured(7, 95)), // fourth: no new trigger
    ];
    h.feed(...events);
    h.feed(...events); // delivered twice
    const id = improvementIdForBreachStreak(events[6].eventId);
    expect(h.get<BreachStreakTrigger>('triggers', id)).toMatchObject({
      relationshipId: RELATIONSHIP,
      offeringId: OFFERING,
      lastActual: 95.5,
      warrantyTarget: 99.9,
      status: 'pending',
    });
    expect(h.get('triggers', improvementIdForBreachStreak(events[7].eventId))).toBeUndefined();
    expect(h.store.list('availability-streaks', 'triggers', { limit: 10 }).total).toBe(1);
    h.close();
  });
});
