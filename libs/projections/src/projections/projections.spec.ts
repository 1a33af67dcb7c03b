import { LedgerEvent } from '@app/domain';
import { withNet } from './money-by-currency';
import { ProjectionHarness } from './projection-harness';
import { CatalogOffering, CatalogProjection } from './catalog.projection';
import {
  RelationshipSummary,
  RelationshipSummaryProjection,
} from './relationship-summary.projection';
import { Projection } from '../projection';

const PROVIDER = '11111111-1111-4111-8111-111111111111';
const CONSUMER = '22222222-2222-4222-8222-222222222222';
const OFFERING = '33333333-3333-4333-8333-333333333333';
const RELATIONSHIP = '44444444-4444-4444-8444-444444444444';

/** Events in their v1 shape (no occurredAt, effectiveFrom, service levels, unit or breach). */
const V1_EVENTS = new WeakSet<object>();
const v1 = (event: { type: LedgerEvent['type']; data: object }): LedgerEvent => {
  V1_EVENTS.add(event);
  return event as LedgerEvent;
};

/** Records an event as the code of its shape stored it: the harness upcasts v1, as the runner does. */
const record = (h: ProjectionHarness, event: LedgerEvent, options: { recordedAt?: string } = {}) =>
  h.recorded(event, { ...options, schemaVersion: V1_EVENTS.has(event) ? 1 : undefined });

const published: LedgerEvent = v1({
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
});

const cost = (
  n: number,
  effect: 'removed' | 'imposed',
  amount: string,
  currency = 'EUR',
): LedgerEvent =>
  v1({
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

const measured = (n: number, actual: number, metric = 'availability'): LedgerEvent =>
  v1({
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
  it('lists a published offering with its provider and retires it', async () => {
    const h = harness(new CatalogProjection());
    await h.feed(
      record(h, {
        type: 'OrganizationRegistered',
        data: { organizationId: PROVIDER, name: 'Acme IT' },
      }),
      record(h, published, { recordedAt: '2026-03-01T00:00:00.000Z' }),
    );
    expect(await h.get<CatalogOffering>('offerings', OFFERING)).toMatchObject({
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
    await h.feed(
      record(h, { type: 'OfferingRetired', data: { offeringId: OFFERING, reason: 'replaced' } }),
    );
    expect(await h.get<CatalogOffering>('offerings', OFFERING)).toMatchObject({
      status: 'retired',
      retirementReason: 'replaced',
    });
    await h.close();
  });
});

describe('relationship summary projection', () => {
  it('sums costs exactly per effect and currency, and a duplicate delivery changes nothing', async () => {
    const h = harness(new RelationshipSummaryProjection());
    const events = [
      record(h, {
        type: 'OrganizationRegistered',
        data: { organizationId: PROVIDER, name: 'Acme IT' },
      }),
      record(
        h,
        v1({
          type: 'RelationshipEstablished',
          data: { relationshipId: RELATIONSHIP, providerId: PROVIDER, consumerId: CONSUMER },
        }),
      ),
      record(
        h,
        v1({
          type: 'StakeholderAssigned',
          data: {
            relationshipId: RELATIONSHIP,
            stakeholderId: 's1',
            role: 'customer',
            name: 'Ann',
          },
        }),
      ),
      record(h, cost(1, 'removed', '0.1')),
      record(h, cost(2, 'removed', '0.2')),
      record(h, cost(3, 'imposed', '1250.50', 'USD')),
      record(h, measured(1, 99.5)),
      record(h, measured(2, 99.95)),
    ];
    await h.feed(...events.slice(0, 5));
    await h.feed(...events.slice(3)); // two of these were delivered already
    await h.feed(...events); // everything again
    const summary = (await h.get<RelationshipSummary>('relationships', RELATIONSHIP))!;
    expect(summary.provider).toEqual({ id: PROVIDER, name: 'Acme IT' });
    expect(summary.consumer).toEqual({ id: CONSUMER, name: null });
    expect(withNet(summary.costs)).toEqual({
      removed: { EUR: '0.3' },
      imposed: { USD: '1250.5' },
      net: { EUR: '0.3', USD: '-1250.5' },
    });
    expect(summary.counts).toMatchObject({ costs: 3, measurements: 2, breaches: 1 });
    expect(summary.stakeholders).toHaveLength(1);
    expect(h.slot.checkpoint).toMatchObject({ position: '8', eventsApplied: 8 });
    await h.close();
  });
});
