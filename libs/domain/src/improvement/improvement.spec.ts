import { caught, given } from '../../testing/given-when-then';
import { offeringDecider } from '../offering/offering.decider';
import { OfferingEvent } from '../offering/offering.events';
import { relationshipDecider } from '../relationship/relationship.decider';
import { RelationshipEvent } from '../relationship/relationship.events';
import { RuleViolated } from '../shared/domain-errors';
import { fold } from '../shared/fold';
import { ImprovementStatus } from '../shared/vocabulary';
import {
  ensureImprovementSubjectOpen,
  ImprovementSubjectState,
  improvementSubjectStreamId,
} from './improvement-subject';

import { ImprovementCommand, ProposeImprovement } from './improvement.commands';
import { improvementDecider } from './improvement.decider';
import { ImprovementEvent, ImprovementProposed } from './improvement.events';
import { MeasuredPeriod } from './measured-periods';

const improvementId = 'b0000000-0000-4000-8000-000000000001';
const relationshipId = 'b0000000-0000-4000-8000-000000000002';
const offeringId = 'b0000000-0000-4000-8000-000000000003';
const proposer = 'ana:analyst';
const colleague = 'bo:analyst';
const proposedAt = '2026-04-01T09:00:00.000Z';

const proposal: ProposeImprovement['data'] = {
  improvementId,
  subject: { relationshipId },
  title: 'Automate cluster upgrades',
  dimension: 'value-streams-and-processes',
  valueChainActivity: 'improve',
  metric: 'upgrade lead time (days)',
  direction: 'decrease',
  baseline: 14,
  target: 2,
  targetDate: '2026-09-30',
  owner: 'Dana Reyes',
  objective: 'Upgrades nobody notices',
  proposedBy: proposer,
  proposedAt,
};
const proposedData: ImprovementProposed['data'] = {
  improvementId,
  subject: { relationshipId },
  title: 'Automate cluster upgrades',
  dimension: 'value-streams-and-processes',
  valueChainActivity: 'improve',
  metric: 'upgrade lead time (days)',
  direction: 'decrease',
  baseline: 14,
  baselineSource: 'stated',
  target: 2,
  targetDate: '2026-09-30',
  owner: 'Dana Reyes',
  objective: 'Upgrades nobody notices',
  followsUp: null,
  cause: null,
  proposedBy: proposer,
  proposedAt,
};
const proposed: ImprovementEvent = { type: 'ImprovementProposed', data: proposedData };
const approved: ImprovementEvent = { type: 'ImprovementApproved', data: { improvementId } };
const rejected: ImprovementEvent = {
  type: 'ImprovementRejected',
  data: { improvementId, reason: null },
};
const withdrawn: ImprovementEvent = {
  type: 'ImprovementWithdrawn',
  data: { improvementId, reason: 'superseded' },
};
const held: ImprovementEvent = {
  type: 'ImprovementPutOnHold',
  data: { improvementId, reason: 'waiting for budget' },
};
const implementedAt = '2026-05-01T00:00:00Z';
const implemented: ImprovementEvent = {
  type: 'ImprovementImplemented',
  data: { improvementId, implementedAt },
};
const evaluated: ImprovementEvent = {
  type: 'ImprovementEvaluated',
  data: {
    improvementId,
    actual: 3,
    actualSource: 'stated',
    closure: 'partially-successful',
    notes: null,
    targetMet: false,
  },
};

type Situation = ImprovementStatus | 'on-hold after approval';

/** The stream's history that leaves the improvement in each situation. */
const historyAt: Record<Situation, ImprovementEvent[]> = {
  proposed: [proposed],
  approved: [proposed, approved],
  rejected: [proposed, rejected],
  withdrawn: [proposed, withdrawn],
  'on-hold': [proposed, held],
  'on-hold after approval': [proposed, approved, held],
  implemented: [proposed, approved, implemented],
  evaluated: [proposed, approved, implemented, evaluated],
};

type Step = 'approve' | 'reject' | 'withdraw' | 'hold' | 'resume' | 'implement' | 'evaluate';

const stepCommands: Record<Step, ImprovementCommand> = {
  approve: { type: 'ApproveImprovement', data: { improvementId, actor: colleague } },
  reject: { type: 'RejectImprovement', data: { improvementId, actor: colleague } },
  withdraw: { type: 'WithdrawImprovement', data: { improvementId, reason: 'superseded' } },
  hold: { type: 'PutImprovementOnHold', data: { improvementId, reason: 'waiting for budget' } },
  resume: { type: 'ResumeImprovement', data: { improvementId } },
  implement: { type: 'ImplementImprovement', data: { improvementId, implementedAt } },
  evaluate: {
    type: 'EvaluateImprovement',
    data: { improvementId, actual: 3, closure: 'partially-successful' },
  },
};

/** SPEC's lifecycle, written out once more by hand: every pair not listed is refused. */
const allowed: Record<Situation, Step[]> = {
  proposed: ['approve', 'reject', 'withdraw', 'hold'],
  approved: ['implement', 'withdraw', 'hold'],
  rejected: [],
  withdrawn: [],
  'on-hold': ['resume'],
  'on-hold after approval': ['resume'],
  implemented: ['evaluate'],
  evaluated: [],
};

const decider = improvementDecider;

const month = (m: number, actual: number, id = `m${m}`): MeasuredPeriod => {
  const start = new Date(Date.UTC(2026, m - 1, 1)).toISOString();
  const end = new Date(Date.UTC(2026, m, 1)).toISOString();
  return { measurementId: id, period: { start, end }, actual };
};

describe('improvement decider', () => {
  describe('ProposeImprovement', () => {
    it('records ImprovementProposed about a relationship, with a stated baseline', () => {
      given(decider).when({ type: 'ProposeImprovement', data: proposal }).thenEvents([proposed]);
    });

    it('records ImprovementProposed about an offering, follow-up and cause included', () => {
      const cause = { relationshipId, measurementIds: ['x1', 'x2', 'x3'] };
      const data = {
        ...proposal,
        subject: { offeringId },
        followsUp: 'b0000000-0000-4000-8000-000000000009',
        cause,
        objective: undefined,
        owner: null,
      };
      given(decider)
        .when({ type: 'ProposeImprovement', data })
        .thenEvents([
          {
            type: 'ImprovementProposed',
            data: {
              ...proposedData,
              subject: { offeringId },
              followsUp: 'b0000000-0000-4000-8000-000000000009',
              cause,
              objective: null,
              owner: null,
            },
          },
        ]);
    });

    it('a second time is refused: already-exists', () => {
      given(decider, [proposed])
        .when({ type: 'ProposeImprovement', data: proposal })
        .thenRuleViolated('already-exists');
    });

    it.each([
      ['invalid-dimension', { dimension: 'governance' as 'partners-and-suppliers' }],
      ['invalid-value-chain-activity', { valueChainActivity: 'operate' as 'plan' }],
      ['invalid-direction', { direction: 'sideways' as 'increase' }],
      ['invalid-metric-value', { baseline: Number.NaN }],
      ['invalid-metric-value', { target: Number.NEGATIVE_INFINITY }],
      ['invalid-time', { targetDate: '2026-02-30' }],
      ['invalid-subject', { subject: { relationshipId, offeringId } as { offeringId: string } }],
      ['invalid-subject', { subject: {} as { offeringId: string } }],
    ])('refuses %s (%p)', (rule, change) => {
      given(decider)
        .when({ type: 'ProposeImprovement', data: { ...proposal, ...change } })
        .thenRuleViolated(rule);
    });

    it.each([
      ['decrease', 14, 14],
      ['decrease', 14, 15],
      ['increase', 99, 99],
      ['increase', 99, 98.5],
    ] as const)(
      'refuses to %s from %p to %p: target-not-beyond-baseline',
      (direction, baseline, target) => {
        given(decider)
          .when({ type: 'ProposeImprovement', data: { ...proposal, direction, baseline, target } })
          .thenRuleViolated('target-not-beyond-baseline');
      },
    );

    describe('measured baseline (baseline omitted)', () => {
      const availability = {
        ...proposal,
        metric: 'availability',
        direction: 'increase' as const,
        baseline: undefined,
        target: 99.9,
      };

      it('is the mean of the last 3 periods that ended before the proposal, in period order', () => {
        // Recorded out of order; April ends after the proposal (April 1st) and is left out,
        // December 2025 is older than the last three.
        const december = {
          measurementId: 'd',
          period: { start: '2025-12-01', end: '2026-01-01' },
          actual: 1,
        };
        const measured = [month(3, 99), month(1, 97), month(4, 10), december, month(2, 98.5)];
        given(decider)
          .when({ type: 'ProposeImprovement', data: { ...availability, measured } })
          .thenEvents([
            {
              type: 'ImprovementProposed',
              data: {
                ...proposedData,
                metric: 'availability',
                direction: 'increase',
                baseline: (97 + 98.5 + 99) / 3,
                baselineSource: 'measured',
                target: 99.9,
              },
            },
          ]);
      });

      it('is the mean of fewer periods when fewer were measured', () => {
        given(decider)
          .when({
            type: 'ProposeImprovement',
            data: { ...availability, measured: [month(2, 98), month(3, 99)] },
          })
          .thenEvents([
            {
              type: 'ImprovementProposed',
              data: {
                ...proposedData,
                metric: 'availability',
                direction: 'increase',
                baseline: 98.5,
                baselineSource: 'measured',
                target: 99.9,
              },
            },
          ]);
      });

      it('with no period measured before the proposal is refused: nothing-measured-yet', () => {
        given(decider)
          .when({ type: 'ProposeImprovement', data: { ...availability, measured: [month(4, 99)] } })
          .thenRuleViolated('nothing-measured-yet');
        given(decider)
          .when({ type: 'ProposeImprovement', data: { ...availability, measured: [] } })
          .thenRuleViolated('nothing-measured-yet');
      });

      it('for a metric that is not a warranty metric of the subject is refused: metric-not-measured', () => {
        given(decider)
          .when({ type: 'ProposeImprovement', data: { ...availability, measured: null } })
          .thenRuleViolated('metric-not-measured');
      });

      it('a stated baseline wins over measurements', () => {
        given(decider)
          .when({
            type: 'ProposeImprovement',
            data: { ...availability, baseline: 95, measured: [month(3, 99)] },
          })
          .thenEvents([
            {
              type: 'ImprovementProposed',
              data: {
                ...proposedData,
                metric: 'availability',
                direction: 'increase',
                baseline: 95,
                baselineSource: 'stated',
                target: 99.9,
              },
            },
          ]);
      });
    });
  });

  describe('lifecycle steps that are allowed', () => {
    it('approve a proposed one: ImprovementApproved', () => {
      given(decider, historyAt.proposed).when(stepCommands.approve).thenEvents([approved]);
    });

    it('reject a proposed one: ImprovementRejected with its reason', () => {
      given(decider, historyAt.proposed)
        .when({
          type: 'RejectImprovement',
          data: { improvementId, actor: colleague, reason: 'no budget' },
        })
        .thenEvents([
          { type: 'ImprovementRejected', data: { improvementId, reason: 'no budget' } },
        ]);
    });

    it.each(['proposed', 'approved'] as const)('withdraw a %s one: ImprovementWithdrawn', (at) => {
      given(decider, historyAt[at]).when(stepCommands.withdraw).thenEvents([withdrawn]);
    });

    it.each(['proposed', 'approved'] as const)('hold a %s one: ImprovementPutOnHold', (at) => {
      given(decider, historyAt[at]).when(stepCommands.hold).thenEvents([held]);
    });

    it.each([
      ['on-hold', 'proposed'],
      ['on-hold after approval', 'approved'],
    ] as const)('resume one %s: back to %s', (at, resumedTo) => {
      given(decider, historyAt[at])
        .when(stepCommands.resume)
        .thenEvents([{ type: 'ImprovementResumed', data: { improvementId, resumedTo } }]);
      const resumed = fold(decider, [
        ...historyAt[at],
        { type: 'ImprovementResumed', data: { improvementId, resumedTo } },
      ]);
      expect(resumed).toMatchObject({ status: resumedTo, heldFrom: null });
    });

    it('implement an approved one: ImprovementImplemented at the given time', () => {
      given(decider, historyAt.approved).when(stepCommands.implement).thenEvents([implemented]);
    });

    it('implement refuses a time that is not an instant: invalid-time', () => {
      given(decider, historyAt.approved)
        .when({ type: 'ImplementImprovement', data: { improvementId, implementedAt: 'May' } })
        .thenRuleViolated('invalid-time');
    });

    it('evaluate an implemented one with a stated actual: ImprovementEvaluated', () => {
      given(decider, historyAt.implemented).when(stepCommands.evaluate).thenEvents([evaluated]);
    });

    it.each([
      ['a non-finite actual', { actual: Number.NaN }, 'invalid-metric-value'],
      ['an unknown closure', { closure: 'done' as 'successful' }, 'invalid-closure'],
    ])('evaluate refuses %s', (_label, change, rule) => {
      given(decider, historyAt.implemented)
        .when({
          type: 'EvaluateImprovement',
          data: { improvementId, actual: 3, closure: 'successful', ...change },
        })
        .thenRuleViolated(rule);
    });
  });

  describe('four eyes', () => {
    const byProposer = {
      approve: { type: 'ApproveImprovement', data: { improvementId, actor: proposer } },
      reject: { type: 'RejectImprovement', data: { improvementId, actor: proposer } },
    } as const;

    it.each(['approve', 'reject'] as const)(
      'the proposer may not %s: approver-is-proposer',
      (step) => {
        given(decider, historyAt.proposed)
          .when(byProposer[step])
          .thenRuleViolated('approver-is-proposer', proposer);
      },
    );

    it.each(['approve', 'reject'] as const)('a proposal by system may be %sd by anyone', (step) => {
      const bySystem: ImprovementEvent = {
        type: 'ImprovementProposed',
        data: { ...proposedData, proposedBy: 'system' },
      };
      const system = { ...byProposer[step], data: { improvementId, actor: 'system' } };
      expect(() => decider.decide(system, fold(decider, [bySystem]))).not.toThrow();
      expect(decider.decide(byProposer[step], fold(decider, [bySystem]))).toHaveLength(1);
    });

    it('v1 proposals name their proposer from the metadata, so four eyes hold for them too', () => {
      // see improvement.upcasters.spec.ts: proposedBy comes from the v1 event's actor
      const v1: ImprovementEvent = {
        type: 'ImprovementProposed',
        data: { ...proposedData, proposedBy: 'crm:service' },
      };
      given(decider, [v1])
        .when({ type: 'ApproveImprovement', data: { improvementId, actor: 'crm:service' } })
        .thenRuleViolated('approver-is-proposer');
    });
  });

  describe('every other step is refused: invalid-lifecycle-step naming where it stands', () => {
    const situations = Object.keys(historyAt) as Situation[];
    const steps = Object.keys(stepCommands) as Step[];
    const refused = situations.flatMap((at) =>
      steps.filter((step) => !allowed[at].includes(step)).map((step) => [at, step] as const),
    );

    it('covers every refused pair of the lifecycle', () => {
      expect(refused).toHaveLength(8 * 7 - 10);
    });

    it.each(refused)('%s → %s', (at, step) => {
      const status = at === 'on-hold after approval' ? 'on-hold' : at;
      given(decider, historyAt[at])
        .when(stepCommands[step])
        .thenRuleViolated('invalid-lifecycle-step', `from ${status}`);
    });
  });

  describe('any step on an improvement never proposed: NotFound', () => {
    it.each(Object.entries(stepCommands))('%s', (_step, command) => {
      given(decider).when(command).thenNotFound('improvement', improvementId);
    });
  });

  describe('measured actual (actual omitted)', () => {
    const availability: ImprovementEvent = {
      type: 'ImprovementProposed',
      data: {
        ...proposedData,
        metric: 'availability',
        direction: 'increase',
        baseline: 98,
        target: 99.5,
      },
    };
    const history = [availability, approved, implemented];
    const evaluate = (measured: MeasuredPeriod[] | null) =>
      given(decider, history).when({
        type: 'EvaluateImprovement',
        data: { improvementId, closure: 'successful', measured },
      });

    it('is the mean of every period that starts at or after implementedAt (May 1st)', () => {
      evaluate([month(4, 90), month(5, 99.5), month(7, 100), month(6, 99)]).thenEvents([
        {
          type: 'ImprovementEvaluated',
          data: {
            improvementId,
            actual: (99.5 + 99 + 100) / 3,
            actualSource: 'measured',
            closure: 'successful',
            notes: null,
            targetMet: true,
          },
        },
      ]);
    });

    it('with no period since the implementation is refused: nothing-measured-yet', () => {
      evaluate([month(4, 99)]).thenRuleViolated('nothing-measured-yet');
    });

    it('for a metric the ledger does not measure is refused: metric-not-measured', () => {
      evaluate(null).thenRuleViolated('metric-not-measured');
    });
  });

  describe('targetMet, derived from direction, actual and target', () => {
    const evaluatedWith = (
      direction: 'increase' | 'decrease',
      baseline: number,
      target: number,
      actual: number,
    ) => {
      const history: ImprovementEvent[] = [
        { type: 'ImprovementProposed', data: { ...proposedData, direction, baseline, target } },
        approved,
        implemented,
      ];
      const [event] = decider.decide(
        { type: 'EvaluateImprovement', data: { improvementId, actual, closure: 'successful' } },
        fold(decider, history),
      );
      return event?.type === 'ImprovementEvaluated' ? event.data.targetMet : undefined;
    };

    it.each([
      ['increase', 98, 99.5, 99.6, true],
      ['increase', 98, 99.5, 99.5, true],
      ['increase', 98, 99.5, 99.4, false],
      ['decrease', 14, 2, 1, true],
      ['decrease', 14, 2, 2, true],
      ['decrease', 14, 2, 3, false],
    ] as const)('%s from %p to %p, actual %p: %p', (direction, baseline, target, actual, met) => {
      expect(evaluatedWith(direction, baseline, target, actual)).toBe(met);
    });
  });

  describe('evolve', () => {
    it('follows the lifecycle to evaluated, keeping what the steps said', () => {
      expect(fold(decider, historyAt.evaluated)).toEqual({
        status: 'evaluated',
        improvementId,
        subject: { relationshipId },
        title: proposal.title,
        dimension: proposal.dimension,
        valueChainActivity: proposal.valueChainActivity,
        metric: proposal.metric,
        direction: 'decrease',
        baseline: 14,
        baselineSource: 'stated',
        target: 2,
        proposedBy: proposer,
        proposedAt,
        heldFrom: null,
        implementedAt,
        actual: 3,
        closure: 'partially-successful',
        rejectionReason: null,
      });
    });

    it('keeps the reason of a rejection', () => {
      const state = fold(decider, [
        proposed,
        { type: 'ImprovementRejected', data: { improvementId, reason: 'no budget' } },
      ]);
      expect(state).toMatchObject({ status: 'rejected', rejectionReason: 'no budget' });
    });

    it('remembers where a hold came from', () => {
      expect(fold(decider, historyAt['on-hold'])).toMatchObject({
        status: 'on-hold',
        heldFrom: 'proposed',
      });
      expect(fold(decider, historyAt['on-hold after approval'])).toMatchObject({
        status: 'on-hold',
        heldFrom: 'approved',
      });
    });
  });
});

describe('ensureImprovementSubjectOpen (handler loads the subject stream)', () => {
  const AT = '2026-03-01T10:00:00.000Z';
  const relationshipHistory: RelationshipEvent[] = [
    {
      type: 'RelationshipEstablished',
      data: { relationshipId, providerId: 'p', consumerId: 'c', occurredAt: AT },
    },
  ];
  const offeringHistory: OfferingEvent[] = [
    {
      type: 'OfferingPublished',
      data: {
        offeringId,
        providerId: 'p',
        name: 'n',
        targetConsumerGroup: 'g',
        goods: [],
        resourceAccess: [],
        serviceActions: [],
        utility: [],
        warranty: {
          serviceLevels: [
            { metric: 'availability', target: 99, comparison: 'at-least', unit: 'percent' },
          ],
        },
        effectiveFrom: AT,
      },
    },
  ];
  const relationship = (events: RelationshipEvent[]): ImprovementSubjectState => ({
    kind: 'relationship',
    state: fold(relationshipDecider, events),
  });
  const offering = (events: OfferingEvent[]): ImprovementSubjectState => ({
    kind: 'offering',
    state: fold(offeringDecider, events),
  });

  it('names the stream to load', () => {
    expect(improvementSubjectStreamId({ relationshipId })).toBe(`relationship-${relationshipId}`);
    expect(improvementSubjectStreamId({ offeringId })).toBe(`offering-${offeringId}`);
  });

  it('passes for an active relationship and a published offering', () => {
    expect(() =>
      ensureImprovementSubjectOpen({ relationshipId }, relationship(relationshipHistory)),
    ).not.toThrow();
    expect(() =>
      ensureImprovementSubjectOpen({ offeringId }, offering(offeringHistory)),
    ).not.toThrow();
  });

  it.each([
    ['a relationship never established', { relationshipId }, relationship([]), 'unknown-subject'],
    ['an offering never published', { offeringId }, offering([]), 'unknown-subject'],
    [
      'an ended relationship',
      { relationshipId },
      relationship([
        ...relationshipHistory,
        { type: 'RelationshipEnded', data: { relationshipId, reason: null, occurredAt: AT } },
      ]),
      'relationship-ended',
    ],
    [
      'a retired offering',
      { offeringId },
      offering([
        ...offeringHistory,
        { type: 'OfferingRetired', data: { offeringId, reason: null } },
      ]),
      'offering-retired',
    ],
  ])('refuses %s: %s', (_label, subject, loaded, rule) => {
    const error = caught(() => ensureImprovementSubjectOpen(subject, loaded));
    expect(error).toBeInstanceOf(RuleViolated);
    expect(error).toMatchObject({ rule });
  });

  it('refuses a state of the wrong kind as a programming error', () => {
    expect(() =>
      ensureImprovementSubjectOpen({ offeringId }, relationship(relationshipHistory)),
    ).toThrow(TypeError);
  });
});
