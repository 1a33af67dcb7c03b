import { assertNever } from '../shared/assert-never';
import { NotFound, RuleViolated } from '../shared/domain-errors';
import { FOUR_DIMENSIONS, ImprovementStatus, VALUE_CHAIN_ACTIVITIES } from '../shared/vocabulary';
import { ensureLifecycleStep } from './improvement-lifecycle';
import { ImprovementCommand, ProposeImprovement } from './improvement.commands';
import { ImprovementEvent, ImprovementSubject } from './improvement.events';
import { ImprovementState, ProposedImprovement } from './improvement.state';

/**
 * Improvement rules on its own stream. That the subject exists and is still open needs the
 * subject's stream: the command handler checks it with `ensureImprovementSubjectOpen`
 * before ProposeImprovement.
 */
export function decideImprovement(
  command: ImprovementCommand,
  state: ImprovementState,
): ImprovementEvent[] {
  const { improvementId } = command.data;
  switch (command.type) {
    case 'ProposeImprovement':
      if (state.status !== 'unproposed') {
        throw new RuleViolated('already-exists', `improvement ${improvementId} already exists`);
      }
      return [propose(command)];
    case 'ApproveImprovement':
      step(state, improvementId, 'approved');
      return [{ type: 'ImprovementApproved', data: { improvementId } }];
    case 'RejectImprovement':
      step(state, improvementId, 'rejected');
      return [
        {
          type: 'ImprovementRejected',
          data: { improvementId, reason: command.data.reason ?? null },
        },
      ];
    case 'ImplementImprovement':
      step(state, improvementId, 'implemented');
      return [{ type: 'ImprovementImplemented', data: { improvementId } }];
    case 'EvaluateImprovement': {
      step(state, improvementId, 'evaluated');
      const { actual } = command.data;
      ensureFinite('actual', actual);
      return [{ type: 'ImprovementEvaluated', data: { improvementId, actual } }];
    }
    default:
      return assertNever(command, 'improvement command');
  }
}

function propose(command: ProposeImprovement): ImprovementEvent {
  const { improvementId, title, dimension, valueChainActivity, metric, baseline, target } =
    command.data;
  if (!FOUR_DIMENSIONS.includes(dimension)) {
    throw new RuleViolated(
      'invalid-dimension',
      `dimension must be one of the four dimensions: ${FOUR_DIMENSIONS.join(', ')}`,
    );
  }
  if (!VALUE_CHAIN_ACTIVITIES.includes(valueChainActivity)) {
    throw new RuleViolated(
      'invalid-value-chain-activity',
      `value chain activity must be one of ${VALUE_CHAIN_ACTIVITIES.join(', ')}`,
    );
  }
  ensureFinite('baseline', baseline);
  ensureFinite('target', target);
  return {
    type: 'ImprovementProposed',
    data: {
      improvementId,
      subject: subjectOf(command.data.subject),
      title,
      dimension,
      valueChainActivity,
      metric,
      baseline,
      target,
    },
  };
}

/** Exactly one of relationshipId / offeringId; copied so nothing else reaches the event. */
function subjectOf(subject: ImprovementSubject): ImprovementSubject {
  const relationshipId = 'relationshipId' in subject ? subject.relationshipId : undefined;
  const offeringId = 'offeringId' in subject ? subject.offeringId : undefined;
  if (typeof relationshipId === 'string' && offeringId === undefined) return { relationshipId };
  if (typeof offeringId === 'string' && relationshipId === undefined) return { offeringId };
  throw new RuleViolated(
    'invalid-subject',
    'an improvement names exactly one subject: a relationshipId or an offeringId',
  );
}

function step(state: ImprovementState, improvementId: string, to: ImprovementStatus): void {
  const improvement: ProposedImprovement | undefined =
    state.status === 'unproposed' ? undefined : state;
  if (!improvement) throw new NotFound('improvement', improvementId);
  ensureLifecycleStep(improvementId, improvement.status, to);
}

function ensureFinite(field: 'baseline' | 'target' | 'actual', value: number): void {
  if (!Number.isFinite(value)) {
    throw new RuleViolated('invalid-metric-value', `${field} must be a finite number`);
  }
}
