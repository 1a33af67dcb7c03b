import { assertNever } from '../shared/assert-never';
import {
  Dimension,
  ImprovementClosure,
  ImprovementDirection,
  ImprovementStatus,
  ValueChainActivity,
  ValueSource,
} from '../shared/vocabulary';
import { ImprovementEvent, ImprovementSubject } from './improvement.events';

export interface ProposedImprovement {
  status: ImprovementStatus;
  improvementId: string;
  subject: ImprovementSubject;
  title: string;
  dimension: Dimension;
  valueChainActivity: ValueChainActivity;
  metric: string;
  direction: ImprovementDirection;
  baseline: number;
  baselineSource: ValueSource;
  target: number;
  proposedBy: string;
  proposedAt: string;
  /** Where a resume returns to; null unless on hold. */
  heldFrom: 'proposed' | 'approved' | null;
  implementedAt: string | null;
  /** The metric's value at evaluation; null until evaluated. */
  actual: number | null;
  closure: ImprovementClosure | null;
  rejectionReason: string | null;
}

export type ImprovementState = { status: 'unproposed' } | ProposedImprovement;

export const initialImprovementState: ImprovementState = { status: 'unproposed' };

export function evolveImprovement(
  state: ImprovementState,
  event: ImprovementEvent,
): ImprovementState {
  if (event.type === 'ImprovementProposed') {
    const d = event.data;
    return {
      status: 'proposed',
      improvementId: d.improvementId,
      subject: d.subject,
      title: d.title,
      dimension: d.dimension,
      valueChainActivity: d.valueChainActivity,
      metric: d.metric,
      direction: d.direction,
      baseline: d.baseline,
      baselineSource: d.baselineSource,
      target: d.target,
      proposedBy: d.proposedBy,
      proposedAt: d.proposedAt,
      heldFrom: null,
      implementedAt: null,
      actual: null,
      closure: null,
      rejectionReason: null,
    };
  }
  // Every other event follows ImprovementProposed in its stream; a stray one changes nothing.
  if (state.status === 'unproposed') return state;
  switch (event.type) {
    case 'ImprovementApproved':
      return { ...state, status: 'approved' };
    case 'ImprovementRejected':
      return { ...state, status: 'rejected', rejectionReason: event.data.reason };
    case 'ImprovementWithdrawn':
      return { ...state, status: 'withdrawn', heldFrom: null };
    case 'ImprovementPutOnHold':
      return {
        ...state,
        status: 'on-hold',
        heldFrom: state.status === 'approved' ? 'approved' : 'proposed',
      };
    case 'ImprovementResumed':
      return { ...state, status: event.data.resumedTo, heldFrom: null };
    case 'ImprovementImplemented':
      return { ...state, status: 'implemented', implementedAt: event.data.implementedAt };
    case 'ImprovementEvaluated':
      return {
        ...state,
        status: 'evaluated',
        actual: event.data.actual,
        closure: event.data.closure,
      };
    default:
      return assertNever(event, 'improvement event');
  }
}
