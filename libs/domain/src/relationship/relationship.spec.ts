import { caught, given } from '../../testing/given-when-then';
import { WarrantyRevision } from '../offering/warranty-in-force';
import { OrganizationState } from '../organization/organization.state';
import { InvalidInput, RuleViolated } from '../shared/domain-errors';
import { fold } from '../shared/fold';
import { ensureRelationshipParties } from './relationship-parties';
import { MeasureServiceLevel, RelationshipCommand, RetractFact } from './relationship.commands';
import { relationshipDecider } from './relationship.decider';
import { RelationshipEvent, RetractableFactType } from './relationship.events';
import { viewRelationship } from './relationship-view';

const relationshipId = 'a0000000-0000-4000-8000-000000000001';
const providerId = 'a0000000-0000-4000-8000-000000000002';
const consumerId = 'a0000000-0000-4000-8000-000000000003';
const offeringId = 'a0000000-0000-4000-8000-000000000004';
const otherOfferingId = 'a0000000-0000-4000-8000-000000000005';
const outputId = 'a0000000-0000-4000-8000-000000000006';
const AT = '2026-03-01T10:00:00.000Z';
const NOW = AT;
const WARRANTIES: WarrantyRevision[] = [
  {
    effectiveFrom: '2025-09-01T00:00:00.000Z',
    serviceLevels: [
      { metric: 'availability', target: 99.9, comparison: 'at-least', unit: 'percent' },
      { metric: 'p95 response ms', target: 200, comparison: 'at-most', unit: 'ms' },
    ],
  },
];

const ESTABLISHED_AT = '2025-06-01T00:00:00.000Z';
const establishedAt = (occurredAt: string): RelationshipEvent => ({
  type: 'RelationshipEstablished',
  data: { occurredAt, relationshipId, providerId, consumerId },
});
const established = establishedAt(ESTABLISHED_AT);
const customerAssigned: RelationshipEvent = {
  type: 'StakeholderAssigned',
  data: {
    occurredAt: AT,
    relationshipId,
    stakeholderId: 's-customer',
    role: 'customer',
    name: 'Dana (CIO)',
  },
};
const provisioned = (id: string): RelationshipEvent => ({
  type: 'ServiceProvisioned',
  data: { occurredAt: AT, relationshipId, offeringId: id },
});
const outputDelivered: RelationshipEvent = {
  type: 'OutputDelivered',
  data: { occurredAt: AT, relationshipId, outputId, description: 'cluster ready', offeringId },
};
const ended: RelationshipEvent = {
  type: 'RelationshipEnded',
  data: { occurredAt: AT, relationshipId, reason: null },
};

/** A relationship with a customer, one provisioned offering and one delivered output. */
const working = [established, customerAssigned, provisioned(offeringId), outputDelivered];

const decider = relationshipDecider;

/** One valid command of every kind that acts on an existing relationship. */
const actingCommands: RelationshipCommand[] = [
  {
    type: 'AssignStakeholder',
    now: NOW,
    data: {
      occurredAt: AT,
      relationshipId,
      stakeholderId: 's-user',
      role: 'user',
      name: 'Ops team',
    },
  },
  {
    type: 'ProvisionService',
    now: NOW,
    data: { occurredAt: AT, relationshipId, offeringId: otherOfferingId },
  },
  {
    type: 'ConsumeService',
    now: NOW,
    data: {
      occurredAt: AT,
      relationshipId,
      consumptionId: 'c-1',
      offeringId,
      description: 'deploys',
    },
  },
  {
    type: 'DeliverOutput',
    now: NOW,
    data: { occurredAt: AT, relationshipId, outputId: 'o-2', description: 'report' },
  },
  {
    type: 'RealizeOutcome',
    now: NOW,
    data: {
      occurredAt: AT,
      relationshipId,
      outcomeId: 'oc-1',
      stakeholderRole: 'customer',
      description: 'faster releases',
      enabledBy: [outputId],
    },
  },
  {
    type: 'RecordCost',
    now: NOW,
    data: {
      occurredAt: AT,
      relationshipId,
      costId: 'k-1',
      effect: 'imposed',
      amount: '100',
      currency: 'EUR',
      description: 'fee',
    },
  },
  {
    type: 'RecordRisk',
    now: NOW,
    data: {
      occurredAt: AT,
      relationshipId,
      riskId: 'r-1',
      effect: 'removed',
      description: 'hardware failure',
      severity: 'high',
    },
  },
  {
    type: 'MeasureServiceLevel',
    now: NOW,
    warranties: WARRANTIES,
    data: {
      relationshipId,
      measurementId: 'm-1',
      offeringId,
      metric: 'availability',
      target: 99.9,
      actual: 99.95,
      period: { start: '2026-01-01', end: '2026-01-31' },
    },
  },
  {
    type: 'ReviewRelationship',
    now: NOW,
    data: {
      occurredAt: AT,
      relationshipId,
      reviewId: 'v-1',
      stakeholderRole: 'customer',
      valueScore: 4,
    },
  },
  { type: 'EndRelationship', now: NOW, data: { occurredAt: AT, relationshipId } },
];

describe('relationship decider', () => {
  describe('EstablishRelationship', () => {
    it('records RelationshipEstablished', () => {
      given(decider)
        .when({
          type: 'EstablishRelationship',
          now: NOW,
          data: { occurredAt: ESTABLISHED_AT, relationshipId, providerId, consumerId },
        })
        .thenEvents([established]);
    });

    it('a second time is refused: already-exists', () => {
      given(decider, [established])
        .when({
          type: 'EstablishRelationship',
          now: NOW,
          data: { occurredAt: ESTABLISHED_AT, relationshipId, providerId, consumerId },
        })
        .thenRuleViolated('already-exists');
    });

    it('with the provider as consumer is refused: provider-is-consumer', () => {
      given(decider)
        .when({
          type: 'EstablishRelationship',
          now: NOW,
          data: { occurredAt: AT, relationshipId, providerId, consumerId: providerId },
        })
        .thenRuleViolated('provider-is-consumer');
    });
  });

  describe('any command on a relationship never established: NotFound', () => {
    it.each(actingCommands.map((c) => [c.type, c] as const))('%s', (_type, command) => {
      given(decider).when(command).thenNotFound('relationship', relationshipId);
    });
  });

  describe('nothing is recorded on an ended relationship: relationship-ended', () => {
    it.each(actingCommands.map((c) => [c.type, c] as const))('%s', (_type, command) => {
      given(decider, [...working, ended])
        .when(command)
        .thenRuleViolated('relationship-ended');
    });
  });

  describe('every acting command succeeds on a working relationship', () => {
    it.each(actingCommands.map((c) => [c.type, c] as const))('%s', (_type, command) => {
      const events = decider.decide(command, fold(decider, working));
      expect(events).toHaveLength(1);
      expect(events[0]?.data.relationshipId).toBe(relationshipId);
    });
  });

  describe('AssignStakeholder', () => {
    it.each(['customer', 'user', 'sponsor'] as const)('records a %s', (role) => {
      given(decider, [established])
        .when({
          type: 'AssignStakeholder',
          now: NOW,
          data: { occurredAt: AT, relationshipId, stakeholderId: 's-1', role, name: 'Kim' },
        })
        .thenEvents([
          {
            type: 'StakeholderAssigned',
            data: { occurredAt: AT, relationshipId, stakeholderId: 's-1', role, name: 'Kim' },
          },
        ]);
    });

    it('refuses a role outside customer/user/sponsor: invalid-stakeholder-role', () => {
      given(decider, [established])
        .when({
          type: 'AssignStakeholder',
          now: NOW,
          data: {
            occurredAt: AT,
            relationshipId,
            stakeholderId: 's-1',
            role: 'supplier' as 'customer',
            name: 'Kim',
          },
        })
        .thenRuleViolated('invalid-stakeholder-role');
    });

    it('refuses the same stakeholder id twice: stakeholder-already-assigned', () => {
      given(decider, [established, customerAssigned])
        .when({
          type: 'AssignStakeholder',
          now: NOW,
          data: {
            occurredAt: AT,
            relationshipId,
            stakeholderId: 's-customer',
            role: 'user',
            name: 'Dana',
          },
        })
        .thenRuleViolated('stakeholder-already-assigned');
    });
  });

  describe('ProvisionService', () => {
    it('records ServiceProvisioned', () => {
      given(decider, [established])
        .when({
          type: 'ProvisionService',
          now: NOW,
          data: { occurredAt: AT, relationshipId, offeringId },
        })
        .thenEvents([provisioned(offeringId)]);
    });

    it('the same offering twice is refused: already-provisioned', () => {
      given(decider, [established, provisioned(offeringId)])
        .when({
          type: 'ProvisionService',
          now: NOW,
          data: { occurredAt: AT, relationshipId, offeringId },
        })
        .thenRuleViolated('already-provisioned');
    });
  });

  describe('ConsumeService', () => {
    it('records ServiceConsumed of a provisioned offering', () => {
      given(decider, working)
        .when({
          type: 'ConsumeService',
          now: NOW,
          data: {
            occurredAt: AT,
            relationshipId,
            consumptionId: 'c-1',
            offeringId,
            description: 'deploys',
          },
        })
        .thenEvents([
          {
            type: 'ServiceConsumed',
            data: {
              occurredAt: AT,
              relationshipId,
              consumptionId: 'c-1',
              offeringId,
              description: 'deploys',
            },
          },
        ]);
    });

    it('of an offering not provisioned here is refused: offering-not-provisioned', () => {
      given(decider, working)
        .when({
          type: 'ConsumeService',
          now: NOW,
          data: {
            occurredAt: AT,
            relationshipId,
            consumptionId: 'c-1',
            offeringId: otherOfferingId,
            description: 'x',
          },
        })
        .thenRuleViolated('offering-not-provisioned');
    });
  });

  describe('DeliverOutput and the offering attribution rule', () => {
    const deliver = (offering?: string | null): RelationshipCommand => ({
      type: 'DeliverOutput',
      now: NOW,
      data: {
        occurredAt: AT,
        relationshipId,
        outputId: 'o-2',
        description: 'report',
        offeringId: offering,
      },
    });
    const delivered = (offering: string | null): RelationshipEvent => ({
      type: 'OutputDelivered',
      data: {
        occurredAt: AT,
        relationshipId,
        outputId: 'o-2',
        description: 'report',
        offeringId: offering,
      },
    });

    it('names a provisioned offering: attributed to it', () => {
      given(decider, [established, provisioned(offeringId), provisioned(otherOfferingId)])
        .when(deliver(otherOfferingId))
        .thenEvents([delivered(otherOfferingId)]);
    });

    it('names no offering, exactly one provisioned: attributed to that one', () => {
      given(decider, [established, provisioned(offeringId)])
        .when(deliver())
        .thenEvents([delivered(offeringId)]);
    });

    it('names no offering, none provisioned: null', () => {
      given(decider, [established])
        .when(deliver(null))
        .thenEvents([delivered(null)]);
    });

    it('names no offering, two provisioned: null', () => {
      given(decider, [established, provisioned(offeringId), provisioned(otherOfferingId)])
        .when(deliver())
        .thenEvents([delivered(null)]);
    });

    it('names an offering not provisioned here: offering-not-provisioned', () => {
      given(decider, [established, provisioned(offeringId)])
        .when(deliver(otherOfferingId))
        .thenRuleViolated('offering-not-provisioned');
    });

    it('the same output id twice is refused: output-already-delivered', () => {
      given(decider, working)
        .when({
          type: 'DeliverOutput',
          now: NOW,
          data: { occurredAt: AT, relationshipId, outputId, description: 'again' },
        })
        .thenRuleViolated('output-already-delivered');
    });
  });

  describe('RealizeOutcome', () => {
    const realize = (
      data: Partial<Extract<RelationshipCommand, { type: 'RealizeOutcome' }>['data']>,
    ) =>
      ({
        type: 'RealizeOutcome',
        now: NOW,
        data: {
          occurredAt: AT,
          relationshipId,
          outcomeId: 'oc-1',
          stakeholderRole: 'customer',
          description: 'faster releases',
          enabledBy: [outputId],
          ...data,
        },
      }) satisfies RelationshipCommand;

    it('records OutcomeRealized for a held role, enabled by delivered outputs', () => {
      given(decider, working)
        .when(realize({}))
        .thenEvents([
          {
            type: 'OutcomeRealized',
            data: {
              occurredAt: AT,
              relationshipId,
              outcomeId: 'oc-1',
              stakeholderRole: 'customer',
              description: 'faster releases',
              enabledBy: [outputId],
              offeringId,
            },
          },
        ]);
    });

    it('names an output never delivered here: unknown-output', () => {
      given(decider, working)
        .when(realize({ enabledBy: [outputId, 'o-missing'] }))
        .thenRuleViolated('unknown-output', 'o-missing');
    });

    it('names an output delivered in another relationship: unknown-output', () => {
      // Same output id, but delivered only in the history of a different relationship.
      given(decider, [established, customerAssigned])
        .when(realize({}))
        .thenRuleViolated('unknown-output');
    });

    it('names no output at all: outcome-without-output', () => {
      given(decider, working)
        .when(realize({ enabledBy: [] }))
        .thenRuleViolated('outcome-without-output');
    });

    it('for a role nobody holds here: stakeholder-role-not-assigned', () => {
      given(decider, working)
        .when(realize({ stakeholderRole: 'sponsor' }))
        .thenRuleViolated('stakeholder-role-not-assigned');
    });

    it('for a role outside the vocabulary: invalid-stakeholder-role', () => {
      given(decider, working)
        .when(realize({ stakeholderRole: 'boss' as 'customer' }))
        .thenRuleViolated('invalid-stakeholder-role');
    });

    it('names an offering not provisioned here: offering-not-provisioned', () => {
      given(decider, working)
        .when(realize({ offeringId: otherOfferingId }))
        .thenRuleViolated('offering-not-provisioned');
    });
  });

  describe('RecordCost', () => {
    const cost = (data: Partial<Extract<RelationshipCommand, { type: 'RecordCost' }>['data']>) =>
      ({
        type: 'RecordCost',
        now: NOW,
        data: {
          occurredAt: AT,
          relationshipId,
          costId: 'k-1',
          effect: 'removed',
          amount: '1250.50',
          currency: 'EUR',
          description: 'no own data centre',
          ...data,
        },
      }) satisfies RelationshipCommand;

    it('records CostRecorded with the amount in canonical exact form', () => {
      given(decider, working)
        .when(cost({}))
        .thenEvents([
          {
            type: 'CostRecorded',
            data: {
              occurredAt: AT,
              relationshipId,
              costId: 'k-1',
              effect: 'removed',
              amount: '1250.5',
              currency: 'EUR',
              description: 'no own data centre',
              offeringId,
            },
          },
        ]);
    });

    it.each(['0', '-5', '1e3', '12.34567', 'abc', ''])(
      'refuses the amount %p: invalid-amount',
      (amount) => {
        given(decider, working).when(cost({ amount })).thenRuleViolated('invalid-amount');
      },
    );

    it.each(['eur', 'EURO', 'XYZ', 'XXX'])(
      'refuses the currency %p: invalid-currency',
      (currency) => {
        given(decider, working).when(cost({ currency })).thenRuleViolated('invalid-currency');
      },
    );

    it('refuses an effect other than removed/imposed: invalid-effect', () => {
      given(decider, working)
        .when(cost({ effect: 'shared' as 'removed' }))
        .thenRuleViolated('invalid-effect');
    });

    it('names an offering not provisioned here: offering-not-provisioned', () => {
      given(decider, working)
        .when(cost({ offeringId: otherOfferingId }))
        .thenRuleViolated('offering-not-provisioned');
    });
  });

  describe('RecordRisk', () => {
    const risk = (data: Partial<Extract<RelationshipCommand, { type: 'RecordRisk' }>['data']>) =>
      ({
        type: 'RecordRisk',
        now: NOW,
        data: {
          occurredAt: AT,
          relationshipId,
          riskId: 'r-1',
          effect: 'imposed',
          description: 'vendor lock-in',
          severity: 'medium',
          ...data,
        },
      }) satisfies RelationshipCommand;

    it('records RiskRecorded', () => {
      given(decider, working)
        .when(risk({}))
        .thenEvents([
          {
            type: 'RiskRecorded',
            data: {
              occurredAt: AT,
              relationshipId,
              riskId: 'r-1',
              effect: 'imposed',
              description: 'vendor lock-in',
              severity: 'medium',
              offeringId,
            },
          },
        ]);
    });

    it('refuses an unknown effect: invalid-effect', () => {
      given(decider, working)
        .when(risk({ effect: 'x' as 'imposed' }))
        .thenRuleViolated('invalid-effect');
    });

    it('refuses an unknown severity: invalid-severity', () => {
      given(decider, working)
        .when(risk({ severity: 'extreme' as 'high' }))
        .thenRuleViolated('invalid-severity');
    });

    it('names an offering not provisioned here: offering-not-provisioned', () => {
      given(decider, working)
        .when(risk({ offeringId: otherOfferingId }))
        .thenRuleViolated('offering-not-provisioned');
    });
  });

  describe('MeasureServiceLevel', () => {
    type Measure = MeasureServiceLevel['data'];
    const measure = (
      data: Partial<Measure>,
      warranties: WarrantyRevision[] = WARRANTIES,
    ): MeasureServiceLevel => ({
      type: 'MeasureServiceLevel',
      now: NOW,
      warranties,
      data: {
        relationshipId,
        measurementId: 'm-1',
        offeringId,
        metric: 'availability',
        actual: 99.5,
        period: { start: '2026-01-01', end: '2026-02-01T00:00:00+01:00' },
        ...data,
      },
    });
    const measuredEvent = {
      type: 'ServiceLevelMeasured',
      data: {
        relationshipId,
        measurementId: 'm-1',
        offeringId,
        metric: 'availability',
        actual: 99.5,
        period: { start: '2026-01-01T00:00:00.000Z', end: '2026-01-31T23:00:00.000Z' },
        target: 99.9,
        comparison: 'at-least',
        unit: 'percent',
        breached: true,
      },
    } satisfies RelationshipEvent;

    it('takes target, comparison and unit from the warranty, records the breach and the period in UTC', () => {
      given(decider, working).when(measure({})).thenEvents([measuredEvent]);
    });

    it('accepts a given target and comparison that match the warranty', () => {
      given(decider, working)
        .when(measure({ target: 99.9, comparison: 'at-least' }))
        .thenEvents([measuredEvent]);
    });

    it('judges an at-most level: at or under the target is no breach', () => {
      const [event] = decider.decide(
        measure({ metric: 'p95 response ms', actual: 200 }),
        fold(decider, working),
      );
      expect(event?.data).toMatchObject({
        target: 200,
        comparison: 'at-most',
        unit: 'ms',
        breached: false,
      });
    });

    it('uses the revision in force at the period start, not the latest one', () => {
      const revised: WarrantyRevision[] = [
        ...WARRANTIES,
        {
          effectiveFrom: '2026-04-01T00:00:00.000Z',
          serviceLevels: [
            { metric: 'availability', target: 99, comparison: 'at-least', unit: 'percent' },
          ],
        },
      ];
      const march = decider.decide(
        measure({ period: { start: '2026-03-01', end: '2026-04-01' } }, revised),
        fold(decider, working),
      );
      const april = decider.decide(
        measure({ period: { start: '2026-04-01', end: '2026-05-01' } }, revised),
        fold(decider, working),
      );
      expect(march[0]?.data).toMatchObject({ target: 99.9, breached: true });
      expect(april[0]?.data).toMatchObject({ target: 99, breached: false });
    });

    it('refuses a given target that differs from the warranty: target-mismatch', () => {
      given(decider, working)
        .when(measure({ target: 50 }))
        .thenRuleViolated('target-mismatch');
    });

    it('refuses a given comparison that differs from the warranty: target-mismatch', () => {
      given(decider, working)
        .when(measure({ comparison: 'at-most' }))
        .thenRuleViolated('target-mismatch');
    });

    it('refuses a metric the warranty in force does not name: metric-not-in-warranty', () => {
      given(decider, working)
        .when(measure({ metric: 'resolution-hours' }))
        .thenRuleViolated('metric-not-in-warranty', /resolution-hours/);
    });

    it('refuses a period before any warranty took effect: metric-not-in-warranty', () => {
      given(decider, working)
        .when(measure({ period: { start: '2025-07-01', end: '2025-08-01' } }))
        .thenRuleViolated('metric-not-in-warranty', /no warranty in force/);
    });

    it('refuses a period that ends before the relationship was established: before-relationship-established', () => {
      const lateStart = fold(
        decider,
        working.map((e) => (e === established ? establishedAt('2026-02-15T00:00:00Z') : e)),
      );
      expect(() => decider.decide(measure({}), lateStart)).toThrow(
        expect.objectContaining({ rule: 'before-relationship-established' }),
      );
    });

    it('of an offering not provisioned here: offering-not-provisioned', () => {
      given(decider, working)
        .when(measure({ offeringId: otherOfferingId }))
        .thenRuleViolated('offering-not-provisioned');
    });

    it('refuses a non-finite actual: invalid-service-level', () => {
      given(decider, working)
        .when(measure({ actual: Number.POSITIVE_INFINITY }))
        .thenRuleViolated('invalid-service-level');
    });

    it.each([
      ['start after end', { start: '2026-02-01', end: '2026-01-31' }],
      ['start equal to end', { start: '2026-02-01', end: '2026-02-01T00:00:00Z' }],
      ['an impossible date', { start: '2026-02-30', end: '2026-03-31' }],
      ['a date-time without offset', { start: '2026-01-01T00:00:00', end: '2026-01-31' }],
      ['not a date', { start: 'yesterday', end: '2026-01-31' }],
    ])('refuses a period with %s: invalid-period', (_label, period) => {
      given(decider, working).when(measure({ period })).thenRuleViolated('invalid-period');
    });
  });

  describe('ReviewRelationship', () => {
    type Review = Extract<RelationshipCommand, { type: 'ReviewRelationship' }>['data'];
    const review = (data: Partial<Review>) =>
      ({
        type: 'ReviewRelationship',
        now: NOW,
        data: {
          occurredAt: AT,
          relationshipId,
          reviewId: 'v-1',
          stakeholderRole: 'customer',
          valueScore: 5,
          ...data,
        },
      }) satisfies RelationshipCommand;

    it('records RelationshipReviewed with comment null when none is given', () => {
      given(decider, working)
        .when(review({}))
        .thenEvents([
          {
            type: 'RelationshipReviewed',
            data: {
              occurredAt: AT,
              relationshipId,
              reviewId: 'v-1',
              stakeholderRole: 'customer',
              valueScore: 5,
              comment: null,
              offeringId,
            },
          },
        ]);
    });

    it.each([0, 6, 3.5, Number.NaN])(
      'refuses the value score %p: invalid-value-score',
      (valueScore) => {
        given(decider, working)
          .when(review({ valueScore }))
          .thenRuleViolated('invalid-value-score');
      },
    );

    it('for a role nobody holds here: stakeholder-role-not-assigned', () => {
      given(decider, working)
        .when(review({ stakeholderRole: 'user' }))
        .thenRuleViolated('stakeholder-role-not-assigned');
    });

    it('names an offering not provisioned here: offering-not-provisioned', () => {
      given(decider, working)
        .when(review({ offeringId: otherOfferingId }))
        .thenRuleViolated('offering-not-provisioned');
    });
  });

  describe('EndRelationship', () => {
    it('records RelationshipEnded with its reason', () => {
      given(decider, working)
        .when({
          type: 'EndRelationship',
          now: NOW,
          data: { occurredAt: AT, relationshipId, reason: 'contract over' },
        })
        .thenEvents([
          {
            type: 'RelationshipEnded',
            data: { occurredAt: AT, relationshipId, reason: 'contract over' },
          },
        ]);
    });
  });

  describe('facts in time (occurredAt)', () => {
    const cost = (occurredAt?: string, now = NOW): RelationshipCommand => ({
      type: 'RecordCost',
      now,
      data: {
        relationshipId,
        costId: 'k-1',
        effect: 'imposed',
        amount: '10',
        currency: 'EUR',
        description: 'fee',
        ...(occurredAt === undefined ? {} : { occurredAt }),
      },
    });

    it('defaults to now, in UTC', () => {
      const [event] = decider.decide(
        cost(undefined, '2026-03-01T11:00:00+01:00'),
        fold(decider, working),
      );
      expect(event?.data).toMatchObject({ occurredAt: '2026-03-01T10:00:00.000Z' });
    });

    it('keeps a backdated time, normalized to UTC', () => {
      const [event] = decider.decide(cost('2025-07-01T02:00:00+02:00'), fold(decider, working));
      expect(event?.data).toMatchObject({ occurredAt: '2025-07-01T00:00:00.000Z' });
    });

    it('accepts up to 5 minutes ahead of now', () => {
      const [event] = decider.decide(cost('2026-03-01T10:05:00Z'), fold(decider, working));
      expect(event?.data).toMatchObject({ occurredAt: '2026-03-01T10:05:00.000Z' });
    });

    it('refuses more than 5 minutes in the future: InvalidInput on occurredAt (400)', () => {
      const error = caught(() =>
        decider.decide(cost('2026-03-01T10:05:01Z'), fold(decider, working)),
      );
      expect(error).toBeInstanceOf(InvalidInput);
      expect(error).toMatchObject({ field: 'occurredAt' });
    });

    it('refuses a fact before the relationship was established: before-relationship-established', () => {
      given(decider, working)
        .when(cost('2025-05-31T23:59:59Z'))
        .thenRuleViolated('before-relationship-established');
    });

    it('accepts a fact at the very instant the relationship was established', () => {
      const [event] = decider.decide(cost(ESTABLISHED_AT), fold(decider, working));
      expect(event?.data).toMatchObject({ occurredAt: ESTABLISHED_AT });
    });

    it('refuses an establishment in the future too', () => {
      const error = caught(() =>
        decider.decide(
          {
            type: 'EstablishRelationship',
            now: NOW,
            data: { relationshipId, providerId, consumerId, occurredAt: '2027-01-01T00:00:00Z' },
          },
          decider.initialState(),
        ),
      );
      expect(error).toBeInstanceOf(InvalidInput);
    });
  });

  describe('DeprovisionService', () => {
    const deprovision = (id: string): RelationshipCommand => ({
      type: 'DeprovisionService',
      now: NOW,
      data: { relationshipId, offeringId: id, occurredAt: AT },
    });

    it('records ServiceDeprovisioned', () => {
      given(decider, working)
        .when(deprovision(offeringId))
        .thenEvents([
          { type: 'ServiceDeprovisioned', data: { relationshipId, offeringId, occurredAt: AT } },
        ]);
    });

    it('refuses an offering not provisioned here: offering-not-provisioned', () => {
      given(decider, working)
        .when(deprovision(otherOfferingId))
        .thenRuleViolated('offering-not-provisioned');
    });

    it('after it, facts about the offering are refused: offering-not-provisioned', () => {
      const deprovisioned: RelationshipEvent = {
        type: 'ServiceDeprovisioned',
        data: { relationshipId, offeringId, occurredAt: AT },
      };
      given(decider, [...working, deprovisioned])
        .when({
          type: 'ConsumeService',
          now: NOW,
          data: { relationshipId, consumptionId: 'c', offeringId, description: 'd' },
        })
        .thenRuleViolated('offering-not-provisioned');
      given(decider, [...working, deprovisioned])
        .when(deprovision(offeringId))
        .thenRuleViolated('offering-not-provisioned');
    });

    it('the offering may be provisioned again afterwards', () => {
      const deprovisioned: RelationshipEvent = {
        type: 'ServiceDeprovisioned',
        data: { relationshipId, offeringId, occurredAt: AT },
      };
      const [event] = decider.decide(
        { type: 'ProvisionService', now: NOW, data: { relationshipId, offeringId } },
        fold(decider, [...working, deprovisioned]),
      );
      expect(event?.type).toBe('ServiceProvisioned');
    });
  });

  describe('RetractFact', () => {
    const retract = (factId: string): RetractFact => ({
      type: 'RetractFact',
      now: NOW,
      data: { relationshipId, factId, reason: 'recorded by mistake', occurredAt: AT },
    });
    const retracted = (factId: string, factType: RetractableFactType): RelationshipEvent => ({
      type: 'FactRetracted',
      data: { relationshipId, factId, factType, reason: 'recorded by mistake', occurredAt: AT },
    });
    const outcome: RelationshipEvent = {
      type: 'OutcomeRealized',
      data: {
        occurredAt: AT,
        relationshipId,
        outcomeId: 'oc-1',
        stakeholderRole: 'customer',
        description: 'faster releases',
        enabledBy: [outputId],
        offeringId,
      },
    };
    const cost: RelationshipEvent = {
      type: 'CostRecorded',
      data: {
        occurredAt: AT,
        relationshipId,
        costId: 'k-1',
        effect: 'imposed',
        amount: '10',
        currency: 'EUR',
        description: 'fee',
        offeringId,
      },
    };

    it('records FactRetracted naming the type of the fact it withdraws', () => {
      given(decider, [...working, cost])
        .when(retract('k-1'))
        .thenEvents([retracted('k-1', 'CostRecorded')]);
    });

    it('of an id the relationship never recorded: unknown-fact', () => {
      given(decider, working).when(retract('nope')).thenRuleViolated('unknown-fact');
    });

    it('a second time: already-retracted', () => {
      given(decider, [...working, cost, retracted('k-1', 'CostRecorded')])
        .when(retract('k-1'))
        .thenRuleViolated('already-retracted');
    });

    it('of an output an unretracted outcome names: output-enables-outcome', () => {
      given(decider, [...working, outcome])
        .when(retract(outputId))
        .thenRuleViolated('output-enables-outcome');
    });

    it('of an output once the outcome naming it is retracted: accepted', () => {
      given(decider, [...working, outcome, retracted('oc-1', 'OutcomeRealized')])
        .when(retract(outputId))
        .thenEvents([retracted(outputId, 'OutputDelivered')]);
    });

    it('a retracted output can no longer enable an outcome: unknown-output', () => {
      given(decider, [...working, retracted(outputId, 'OutputDelivered')])
        .when({
          type: 'RealizeOutcome',
          now: NOW,
          data: {
            relationshipId,
            outcomeId: 'oc-2',
            stakeholderRole: 'customer',
            description: 'd',
            enabledBy: [outputId],
          },
        })
        .thenRuleViolated('unknown-output');
    });

    it('of a stakeholder unassigns it: its role no longer speaks in reviews', () => {
      const state = fold(decider, [...working, retracted('s-customer', 'StakeholderAssigned')]);
      expect([...(state.status === 'unestablished' ? [] : state.stakeholders.values())]).toEqual(
        [],
      );
      given(decider, [...working, retracted('s-customer', 'StakeholderAssigned')])
        .when({
          type: 'ReviewRelationship',
          now: NOW,
          data: { relationshipId, reviewId: 'v', stakeholderRole: 'customer', valueScore: 4 },
        })
        .thenRuleViolated('stakeholder-role-not-assigned');
    });

    it('keeps the fact known as retracted, and no longer counted', () => {
      const view = viewRelationship(
        fold(decider, [...working, cost, retracted('k-1', 'CostRecorded')]),
      );
      expect(view).toMatchObject({ counts: { costs: 0 } });
      expect(view.status !== 'unestablished' && view.facts.find((f) => f.factId === 'k-1')).toEqual(
        {
          factId: 'k-1',
          factType: 'CostRecorded',
          occurredAt: AT,
          retracted: true,
        },
      );
    });

    it('on an ended relationship: relationship-ended', () => {
      given(decider, [...working, cost, ended])
        .when(retract('k-1'))
        .thenRuleViolated('relationship-ended');
    });
  });

  describe('MeasureServiceLevel: period-overlaps', () => {
    const measure = (measurementId: string, start: string, end: string): MeasureServiceLevel => ({
      type: 'MeasureServiceLevel',
      now: NOW,
      warranties: WARRANTIES,
      data: {
        relationshipId,
        measurementId,
        offeringId,
        metric: 'availability',
        actual: 99.95,
        period: { start, end },
      },
    });
    const march = fold(decider, working);
    const [marchMeasured] = decider.decide(measure('m-1', '2026-03-01', '2026-04-01'), march);
    const history = [...working, marchMeasured];

    it('refuses a period overlapping an earlier measurement of the same offering and metric', () => {
      given(decider, history)
        .when(measure('m-2', '2026-03-15', '2026-04-15'))
        .thenRuleViolated('period-overlaps', /m-1/);
    });

    it('accepts the next period that starts where the last one ends', () => {
      const [event] = decider.decide(
        measure('m-2', '2026-04-01', '2026-05-01'),
        fold(decider, history),
      );
      expect(event?.type).toBe('ServiceLevelMeasured');
    });

    it('accepts the same period of another metric', () => {
      const other = { ...measure('m-2', '2026-03-01', '2026-04-01') };
      other.data = { ...other.data, metric: 'p95 response ms', actual: 150 };
      expect(decider.decide(other, fold(decider, history))[0]?.type).toBe('ServiceLevelMeasured');
    });

    it('accepts the period again once the earlier measurement is retracted (a correction)', () => {
      const retracted: RelationshipEvent = {
        type: 'FactRetracted',
        data: {
          relationshipId,
          factId: 'm-1',
          factType: 'ServiceLevelMeasured',
          reason: 'wrong',
          occurredAt: AT,
        },
      };
      const [event] = decider.decide(
        measure('m-2', '2026-03-01', '2026-04-01'),
        fold(decider, [...history, retracted]),
      );
      expect(event?.type).toBe('ServiceLevelMeasured');
    });
  });

  describe('evolve', () => {
    it('tracks parties, stakeholders, provisions, outputs, counts and status', () => {
      const state = fold(decider, [
        ...working,
        {
          type: 'CostRecorded',
          data: {
            occurredAt: AT,
            relationshipId,
            costId: 'k',
            effect: 'removed',
            amount: '1',
            currency: 'EUR',
            description: '',
            offeringId,
          },
        },
        { type: 'RelationshipEnded', data: { occurredAt: AT, relationshipId, reason: 'done' } },
      ]);
      expect(viewRelationship(state)).toEqual({
        status: 'ended',
        relationshipId,
        providerId,
        consumerId,
        occurredAt: ESTABLISHED_AT,
        stakeholders: [{ stakeholderId: 's-customer', role: 'customer', name: 'Dana (CIO)' }],
        provisionedOfferingIds: [offeringId],
        deliveredOutputIds: [outputId],
        facts: [
          {
            factId: 's-customer',
            factType: 'StakeholderAssigned',
            occurredAt: AT,
            retracted: false,
          },
          { factId: outputId, factType: 'OutputDelivered', occurredAt: AT, retracted: false },
          { factId: 'k', factType: 'CostRecorded', occurredAt: AT, retracted: false },
        ],
        counts: {
          stakeholders: 1,
          provisions: 1,
          consumptions: 0,
          outputs: 1,
          outcomes: 0,
          costs: 1,
          risks: 0,
          serviceLevelMeasurements: 0,
          reviews: 0,
        },
        endReason: 'done',
      });
    });

    it('does not change the state it is given', () => {
      const before = fold(decider, [established]);
      const snapshot = JSON.stringify(viewRelationship(before));
      fold(decider, [customerAssigned, provisioned(offeringId), outputDelivered], before);
      expect(JSON.stringify(viewRelationship(before))).toBe(snapshot);
    });
  });
});

describe('ensureRelationshipParties (handler loads both organization streams)', () => {
  const registered = (id: string): OrganizationState => ({
    status: 'registered',
    organizationId: id,
    name: id,
  });
  const unregistered: OrganizationState = { status: 'unregistered' };

  it('passes for two different registered organizations', () => {
    expect(() =>
      ensureRelationshipParties(
        registered(providerId),
        registered(consumerId),
        providerId,
        consumerId,
      ),
    ).not.toThrow();
  });

  it.each([
    ['provider', unregistered, registered(consumerId)],
    ['consumer', registered(providerId), unregistered],
  ])('refuses an unregistered %s: organization-not-registered', (party, provider, consumer) => {
    const error = caught(() =>
      ensureRelationshipParties(provider, consumer, providerId, consumerId),
    );
    expect(error).toBeInstanceOf(RuleViolated);
    expect(error).toMatchObject({ rule: 'organization-not-registered' });
    expect((error as Error).message).toContain(party);
  });

  it('refuses one organization on both sides: provider-is-consumer', () => {
    const error = caught(() =>
      ensureRelationshipParties(
        registered(providerId),
        registered(providerId),
        providerId,
        providerId,
      ),
    );
    expect(error).toMatchObject({ rule: 'provider-is-consumer' });
  });
});
