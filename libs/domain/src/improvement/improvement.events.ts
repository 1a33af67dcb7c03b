import { Dimension, ValueChainActivity } from '../shared/vocabulary';

/** What an improvement is about: one relationship or one offering. */
export type ImprovementSubject = { relationshipId: string } | { offeringId: string };

export interface ImprovementProposed {
  type: 'ImprovementProposed';
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

export interface ImprovementApproved {
  type: 'ImprovementApproved';
  data: { improvementId: string };
}

export interface ImprovementRejected {
  type: 'ImprovementRejected';
  data: { improvementId: string; reason: string | null };
}

export interface ImprovementImplemented {
  type: 'ImprovementImplemented';
  data: { improvementId: string };
}

export interface ImprovementEvaluated {
  type: 'ImprovementEvaluated';
  data: { improvementId: string; actual: number };
}

export type ImprovementEvent =
  | ImprovementProposed
  | ImprovementApproved
  | ImprovementRejected
  | ImprovementImplemented
  | ImprovementEvaluated;
