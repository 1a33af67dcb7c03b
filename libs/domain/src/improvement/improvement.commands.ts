import { Dimension, ValueChainActivity } from '../shared/vocabulary';
import { ImprovementSubject } from './improvement.events';

/** Commands carry every id the resulting events need: the caller makes ids, the domain none. */
export interface ProposeImprovement {
  type: 'ProposeImprovement';
  data: {
    improvementId: string;
    subject: ImprovementSubject;
    title: string;
    dimension: Dimension;
    valueChainActivity: ValueChainActivity;
    metric: string;
    baseline: number;
    target: number;
  };
}

export interface ApproveImprovement {
  type: 'ApproveImprovement';
  data: { improvementId: string };
}

export interface RejectImprovement {
  type: 'RejectImprovement';
  data: { improvementId: string; reason?: string | null };
}

export interface ImplementImprovement {
  type: 'ImplementImprovement';
  data: { improvementId: string };
}

/** Records the metric's actual value after implementation, to compare with baseline and target. */
export interface EvaluateImprovement {
  type: 'EvaluateImprovement';
  data: { improvementId: string; actual: number };
}

export type ImprovementCommand =
  | ProposeImprovement
  | ApproveImprovement
  | RejectImprovement
  | ImplementImprovement
  | EvaluateImprovement;
