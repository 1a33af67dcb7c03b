import {
  Dimension,
  ImprovementClosure,
  ImprovementDirection,
  ValueChainActivity,
} from '../shared/vocabulary';
import { ImprovementCause, ImprovementSubject } from './improvement.events';
import { MeasuredPeriod } from './measured-periods';

/**
 * Commands carry every id, time and outside fact the resulting events need: the caller (the
 * command handler) makes ids, reads the clock and reads other streams; the domain none of it.
 */
export interface ProposeImprovement {
  type: 'ProposeImprovement';
  data: {
    improvementId: string;
    subject: ImprovementSubject;
    title: string;
    dimension: Dimension;
    valueChainActivity: ValueChainActivity;
    metric: string;
    direction: ImprovementDirection;
    /** Omitted: measured from `measured`. */
    baseline?: number | null;
    target: number;
    targetDate: string;
    owner?: string | null;
    objective?: string | null;
    followsUp?: string | null;
    cause?: ImprovementCause | null;
    /** The actor proposing it (filled by the handler). */
    proposedBy: string;
    /** Now, as the handler's clock says. */
    proposedAt: string;
    /**
     * The subject's unretracted measured periods of `metric`, read by the handler when the
     * baseline is omitted; null (or absent) when `metric` is not a warranty metric of the subject.
     */
    measured?: readonly MeasuredPeriod[] | null;
  };
}

export interface ApproveImprovement {
  type: 'ApproveImprovement';
  /** `actor`: who approves (four eyes). */
  data: { improvementId: string; actor: string };
}

export interface RejectImprovement {
  type: 'RejectImprovement';
  data: { improvementId: string; actor: string; reason?: string | null };
}

export interface WithdrawImprovement {
  type: 'WithdrawImprovement';
  data: { improvementId: string; reason: string };
}

export interface PutImprovementOnHold {
  type: 'PutImprovementOnHold';
  data: { improvementId: string; reason: string };
}

export interface ResumeImprovement {
  type: 'ResumeImprovement';
  data: { improvementId: string };
}

export interface ImplementImprovement {
  type: 'ImplementImprovement';
  /** When the change took effect (by default now): measured actuals count from here. */
  data: { improvementId: string; implementedAt: string };
}

/** Did we get there: a stated actual, or (omitted) the mean of the periods measured since. */
export interface EvaluateImprovement {
  type: 'EvaluateImprovement';
  data: {
    improvementId: string;
    actual?: number | null;
    closure: ImprovementClosure;
    notes?: string | null;
    /** As for ProposeImprovement: read by the handler when `actual` is omitted. */
    measured?: readonly MeasuredPeriod[] | null;
  };
}

export type ImprovementCommand =
  | ProposeImprovement
  | ApproveImprovement
  | RejectImprovement
  | WithdrawImprovement
  | PutImprovementOnHold
  | ResumeImprovement
  | ImplementImprovement
  | EvaluateImprovement;
