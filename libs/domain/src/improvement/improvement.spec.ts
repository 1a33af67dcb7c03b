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
import { ImprovementEvent } from './improvement.events';

const improvementId = 'b0000000-0000-4000-8000-000000000001';
const relationshipId = 'b0000000-0000-4000-8000-000000000002';
const offeringId = 'b0000000-0000-4000-8000-000000000003';

const proposal: ProposeImprovement['data'] = {
  improvementId,
  subject: { relationshipId },
  title: 'Automate cluster upgrades',
  dimension: 'value-streams-and-processes',
  valueChainActivity: 'improve',
  metric: 'upgrade lead time (days)',
  baseline: 14,
  target: 2,
};
const proposed: ImprovementEvent = { type: 'ImprovementProposed', data: { ...proposal } };
const approved: ImprovementEvent = { type: 'ImprovementApproved', data: { improvementId } };
const rejected: ImprovementEvent = {
  type: 'ImprovementRejected',
  data: { improvementId, reason: null },
};
const implemented: ImprovementEvent = { type: 'ImprovementImplemented', data: { improvementId } };
const evaluated: ImprovementEvent = {
  type: 'ImprovementEvaluated',
  data: { improvementId, actual: 3 },
};

/** The stream's history that leaves the improvement in each status. */
const historyAt: Record<ImprovementStatus, ImprovementEvent[]> = {
  proposed: [proposed],
  approved: [proposed, approved],
  rejected: [proposed, rejected],
  implemented: [proposed, approved, implemented],
  evaluated: [proposed, approved, implemented, evaluated],
};

const stepCommands: Record<
  'approved' | 'rejected' | 'implemented' | 'evaluated',
  ImprovementCommand
> = {
  approved: { type: 'ApproveImprovement', data: { improvementId } },
  rejected: { type: 'RejectImprovement', data: { improvementId } },
  implemented: { type: 'ImplementImprovement', data: { improvementId } },
  evaluated: { type: 'EvaluateImprovement', data: { improvementId, actual: 3 } },
};
const allowed: Record<ImprovementStatus, string[]> = {
  proposed: ['approved', 'rejected'],
  approved: ['implemented'],
  rejected: [],
  implemented: ['evaluated'],
  evaluated: [],
};

const decider = improvementDecider;

describe('improvement decider', () => {
  describe('ProposeImprovement', () => {
    it('records ImprovementProposed about a relationship', () => {
      given(decider).when({ type: 'ProposeImprovement', data: proposal }).thenEvents([proposed]);
    });

    it('records ImprovementProposed about an offering', () => {
      const data = { ...proposal, subject: { offeringId } };
      given(decider)
        .when({ type: 'ProposeImprovement', data })
        .thenEvents([{ type: 'ImprovementProposed', data }]);
    });

    it('a second time is refused: already-exists', () => {
      given(decider, [proposed])
        .when({ type: 'ProposeImprovement', data: proposal })
        .thenRuleViolated('already-exists');
    });

    it('refuses a dimension outside the four: invalid-dimension', () => {
      given(decider)
        .when({
          type: 'ProposeImprovement',
          data: { ...proposal, dimension: 'governance' as 'partners-and-suppliers' },
        })
        .thenRuleViolated('invalid-dimension');
    });

    it('refuses an unknown value chain activity: invalid-value-chain-activity', () => {
      given(decider)
        .when({
          type: 'ProposeImprovement',
          data: { ...proposal, valueChainActivity: 'operate' as 'plan' },
        })
        .thenRuleViolated('invalid-value-chain-activity');
    });

    it.each([
      ['baseline', { baseline: Number.NaN }],
      ['target', { target: Number.NEGATIVE_INFINITY }],
    ])('refuses a non-finite %s: invalid-metric-value', (_field, data) => {
      given(decider)
        .when({ type: 'ProposeImprovement', data: { ...proposal, ...data } })
        .thenRuleViolated('invalid-metric-value');
    });

    it.each([
      ['both ids', { relationshipId, offeringId }],
      ['neither id', {}],
    ])('refuses a subject with %s: invalid-subject', (_label, subject) => {
      given(decider)
        .when({
          type: 'ProposeImprovement',
          data: { ...proposal, subject: subject as { offeringId: string } },
        })
        .thenRuleViolated('invalid-subject');
    });
  });

  describe('lifecycle steps that are allowed', () => {
    it('ApproveImprovement on a proposed one records ImprovementApproved', () => {
      given(decider, historyAt.proposed).when(stepCommands.approved).thenEvents([approved]);
    });

    it('RejectImprovement on a proposed one records ImprovementRejected with its reason', () => {
      given(decider, historyAt.proposed)
        .when({ type: 'RejectImprovement', data: { improvementId, reason: 'no budget' } })
        .thenEvents([
          { type: 'ImprovementRejected', data: { improvementId, reason: 'no budget' } },
        ]);
    });

    it('ImplementImprovement on an approved one records ImprovementImplemented', () => {
      given(decider, historyAt.approved).when(stepCommands.implemented).thenEvents([implemented]);
    });

    it('EvaluateImprovement on an implemented one records ImprovementEvaluated', () => {
      given(decider, historyAt.implemented).when(stepCommands.evaluated).thenEvents([evaluated]);
    });

    it('EvaluateImprovement refuses a non-finite actual: invalid-metric-value', () => {
      given(decider, historyAt.implemented)
        .when({ type: 'EvaluateImprovement', data: { improvementId, actual: Number.NaN } })
        .thenRuleViolated('invalid-metric-value');
    });
  });

  describe('every other step is refused: invalid-lifecycle-step naming from and to', () => {
    const refused = (Object.keys(historyAt) as ImprovementStatus[]).flatMap((from) =>
      (Object.keys(stepCommands) as (keyof typeof stepCommands)[])
        .filter((to) => !allowed[from].includes(to))
        .map((to) => [from, to] as const),
    );

    it('covers every refused pair of the lifecycle', () => {
      expect(refused).toHaveLength(5 * 4 - 4);
    });

    it.each(refused)('%s → %s', (from, to) => {
      given(decider, historyAt[from])
        .when(stepCommands[to])
        .thenRuleViolated('invalid-lifecycle-step', `from ${from} to ${to}`);
    });
  });

  describe('any step on an improvement never proposed: NotFound', () => {
    it.each(Object.entries(stepCommands))('%s', (_to, command) => {
      given(decider).when(command).thenNotFound('improvement', improvementId);
    });
  });

  describe('evolve', () => {
    it('follows the lifecycle to evaluated, keeping the actual value', () => {
      expect(fold(decider, historyAt.evaluated)).toEqual({
        ...proposal,
        status: 'evaluated',
        actual: 3,
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
  });
});

describe('ensureImprovementSubjectOpen (handler loads the subject stream)', () => {
  const relationshipHistory: RelationshipEvent[] = [
    {
      type: 'RelationshipEstablished',
      data: { relationshipId, providerId: 'p', consumerId: 'c' },
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
        warranty: { availabilityTarget: 99 },
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
        { type: 'RelationshipEnded', data: { relationshipId, reason: null } },
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
