import { assertNever } from '../shared/assert-never';
import { NotFound, RuleViolated } from '../shared/domain-errors';
import { isIsoInstant } from '../shared/iso-time';
import {
  FOUR_DIMENSIONS,
  IMPROVEMENT_CLOSURES,
  IMPROVEMENT_DIRECTIONS,
  ImprovementStatus,
  VALUE_CHAIN_ACTIVITIES,
  ValueSource,
} from '../shared/vocabulary';
import { ensureFourEyes } from './four-eyes';
import { ensureLifecycleStep, ensureResumable } from './improvement-lifecycle';
import {
  EvaluateImprovement,
  ImprovementCommand,
  ProposeImprovement,
} from './improvement.commands';
import { ImprovementEvent, ImprovementSubject } from './improvement.events';
import { ImprovementState, ProposedImprovement } from './improvement.state';
import {
  MeasuredPeriod,
  measuredActual,
  measuredBaseline,
  MeasuredValue,
} from './measured-periods';
import { targetMet } from './target-met';

/**
 * Improvement rules on its own stream. Rules that need other streams (the subject is open,
 * `followsUp` exists) are checked by the command handler with `ensureImprovementSubjectOpen`
 * and `ensureFollowsUpExists`; the measurements a measured value needs arrive in the command.
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
    case 'ApproveImprovement': {
      const improvement = step(state, improvementId, 'approved');
      ensureFourEyes(improvementId, improvement.proposedBy, command.data.actor);
      return [{ type: 'ImprovementApproved', data: { improvementId } }];
    }
    case 'RejectImprovement': {
      const improvement = step(state, improvementId, 'rejected');
      ensureFourEyes(improvementId, improvement.proposedBy, command.data.actor);
      const reason = command.data.reason ?? null;
      return [{ type: 'ImprovementRejected', data: { improvementId, reason } }];
    }
    case 'WithdrawImprovement':
      step(state, improvementId, 'withdrawn');
      return [
        { type: 'ImprovementWithdrawn', data: { improvementId, reason: command.data.reason } },
      ];
    case 'PutImprovementOnHold':
      step(state, improvementId, 'on-hold');
      return [
        { type: 'ImprovementPutOnHold', data: { improvementId, reason: command.data.reason } },
      ];
    case 'ResumeImprovement': {
      const improvement = existing(state, improvementId);
      ensureResumable(improvementId, improvement.status);
      const resumedTo = improvement.heldFrom ?? 'proposed';
      return [{ type: 'ImprovementResumed', data: { improvementId, resumedTo } }];
    }
    case 'ImplementImprovement': {
      step(state, improvementId, 'implemented');
      const { implementedAt } = command.data;
      ensureInstant('implementedAt', implementedAt);
      return [{ type: 'ImprovementImplemented', data: { improvementId, implementedAt } }];
    }
    case 'EvaluateImprovement':
      return [evaluate(command, step(state, improvementId, 'evaluated'))];
    default:
      return assertNever(command, 'improvement command');
  }
}

function propose(command: ProposeImprovement): ImprovementEvent {
  const d = command.data;
  if (!FOUR_DIMENSIONS.includes(d.dimension)) {
    throw new RuleViolated(
      'invalid-dimension',
      `dimension must be one of the four dimensions: ${FOUR_DIMENSIONS.join(', ')}`,
    );
  }
  if (!VALUE_CHAIN_ACTIVITIES.includes(d.valueChainActivity)) {
    throw new RuleViolated(
      'invalid-value-chain-activity',
      `value chain activity must be one of ${VALUE_CHAIN_ACTIVITIES.join(', ')}`,
    );
  }
  if (!IMPROVEMENT_DIRECTIONS.includes(d.direction)) {
    throw new RuleViolated('invalid-direction', 'direction must be increase or decrease');
  }
  ensureFinite('target', d.target);
  ensureInstant('targetDate', d.targetDate);
  ensureInstant('proposedAt', d.proposedAt);
  const { value: baseline, source: baselineSource } = resolve(
    'baseline',
    d.baseline,
    d.measured,
    (periods) => measuredBaseline(periods, d.proposedAt),
  );
  ensureTargetBeyondBaseline(d.direction, baseline, d.target);
  return {
    type: 'ImprovementProposed',
    data: {
      improvementId: d.improvementId,
      subject: subjectOf(d.subject),
      title: d.title,
      dimension: d.dimension,
      valueChainActivity: d.valueChainActivity,
      metric: d.metric,
      direction: d.direction,
      baseline,
      baselineSource,
      target: d.target,
      targetDate: d.targetDate,
      owner: d.owner ?? null,
      objective: d.objective ?? null,
      followsUp: d.followsUp ?? null,
      cause: d.cause
        ? { relationshipId: d.cause.relationshipId, measurementIds: [...d.cause.measurementIds] }
        : null,
      proposedBy: d.proposedBy,
      proposedAt: d.proposedAt,
    },
  };
}

function evaluate(
  command: EvaluateImprovement,
  improvement: ProposedImprovement,
): ImprovementEvent {
  const { improvementId, closure, notes } = command.data;
  if (!IMPROVEMENT_CLOSURES.includes(closure)) {
    throw new RuleViolated(
      'invalid-closure',
      `closure must be one of ${IMPROVEMENT_CLOSURES.join(', ')}`,
    );
  }
  const implementedAt = improvement.implementedAt ?? improvement.proposedAt;
  const { value: actual, source: actualSource } = resolve(
    'actual',
    command.data.actual,
    command.data.measured,
    (periods) => measuredActual(periods, implementedAt),
  );
  return {
    type: 'ImprovementEvaluated',
    data: {
      improvementId,
      actual,
      actualSource,
      closure,
      notes: notes ?? null,
      targetMet: targetMet(improvement.direction, actual, improvement.target),
    },
  };
}

/** A stated value as given, or the ledger's own measurement when none is given. */
function resolve(
  field: 'baseline' | 'actual',
  stated: number | null | undefined,
  measured: readonly MeasuredPeriod[] | null | undefined,
  measure: (periods: readonly MeasuredPeriod[]) => MeasuredValue | undefined,
): { value: number; source: ValueSource } {
  if (stated !== undefined && stated !== null) {
    ensureFinite(field, stated);
    return { value: stated, source: 'stated' };
  }
  if (measured === undefined || measured === null) {
    throw new RuleViolated(
      'metric-not-measured',
      `the metric is not a warranty metric of the subject, so the ledger cannot measure it: give the ${field}`,
    );
  }
  const value = measure(measured);
  if (value === undefined) {
    throw new RuleViolated(
      'nothing-measured-yet',
      field === 'baseline'
        ? 'no measured period of the metric ended before the proposal: give the baseline'
        : 'no measured period of the metric starts after the implementation: give the actual',
    );
  }
  return { value: value.value, source: 'measured' };
}

/** Nothing to improve when the target is already where the baseline stands. */
function ensureTargetBeyondBaseline(
  direction: 'increase' | 'decrease',
  baseline: number,
  target: number,
): void {
  const beyond = direction === 'increase' ? target > baseline : target < baseline;
  if (!beyond) {
    throw new RuleViolated(
      'target-not-beyond-baseline',
      `to ${direction} the metric the target (${target}) must be ${direction === 'increase' ? 'above' : 'below'} the baseline (${baseline})`,
    );
  }
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

function existing(state: ImprovementState, improvementId: string): ProposedImprovement {
  if (state.status === 'unproposed') throw new NotFound('improvement', improvementId);
  return state;
}

function step(
  state: ImprovementState,
  improvementId: string,
  to: ImprovementStatus,
): ProposedImprovement {
  const improvement = existing(state, improvementId);
  ensureLifecycleStep(improvementId, improvement.status, to);
  return improvement;
}

function ensureFinite(field: 'baseline' | 'target' | 'actual', value: number): void {
  if (!Number.isFinite(value)) {
    throw new RuleViolated('invalid-metric-value', `${field} must be a finite number`);
  }
}

function ensureInstant(field: string, value: string): void {
  if (!isIsoInstant(value)) {
    throw new RuleViolated('invalid-time', `${field} must be an ISO-8601 instant`);
  }
}
