import { assertNever } from '../shared/assert-never';
import { Dimension, ImprovementStatus, ValueChainActivity } from '../shared/vocabulary';
import { ImprovementEvent, ImprovementSubject } from './improvement.events';

export interface ProposedImprovement {
  status: ImprovementStatus;
  improvementId: string;
  subject: ImprovementSubject;
  title: string;
  dimension: Dimension;
  valueChainActivity: ValueChainActivity;
  metric: string;
  baseline: number;
  target: number;
  /** The metric's value measured at evaluation; null until evaluated. */
  actual: number | null;
  rejectionReason: string | null;
}

export type ImprovementState = { status: 'unproposed' } | ProposedImprovement;

export const initialImprovementState: ImprovementState = { status: 'unproposed' };

export function evolveImprovement(
  state: ImprovementState,
  event: ImprovementEvent,
): ImprovementState {
  if (event.type === 'ImprovementProposed') {
    return { status: 'proposed', ...event.data, actual: null, rejectionReason: null };
  }
  // Every other event follows ImprovementProposed in its stream; a stray one changes nothing.
  if (state.status === 'unproposed') return state;
  switch (event.type) {
    case 'ImprovementApproved':
      return { ...state, status: 'approved' };
    case 'ImprovementRejected':
      return { ...state, status: 'rejected', rejectionReason: event.data.reason };
    case 'ImprovementImplemented':
      return { ...state, status: 'implemented' };
    case 'ImprovementEvaluated':
      return { ...state, status: 'evaluated', actual: event.data.actual };
    default:
      return assertNever(event, 'improvement event');
  }
}
