import {
  Dimension,
  ImprovementClosure,
  ImprovementDirection,
  ValueChainActivity,
  ValueSource,
} from '../shared/vocabulary';

/** What an improvement is about: one relationship or one offering. */
export type ImprovementSubject = { relationshipId: string } | { offeringId: string };

/** The facts that made the ledger propose an improvement itself (the breach-streak saga). */
export interface ImprovementCause {
  relationshipId: string;
  measurementIds: string[];
}

/**
 * Schema version 2 (v1 had no direction, dates, owner or sources: see improvement.upcasters.ts).
 * Where are we now (`baseline`, measured or stated), where do we want to be (`target` by
 * `targetDate`), and the vision it serves (`objective`).
 */
export interface ImprovementProposed {
  type: 'ImprovementProposed';
  data: {
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
    /** ISO-8601 instant; null only on proposals recorded before v2. */
    targetDate: string | null;
    /** A person's name; null on proposals recorded before v2 and on the ledger's own ones. */
    owner: string | null;
    objective: string | null;
    /** The improvement this one keeps the momentum of. */
    followsUp: string | null;
    cause: ImprovementCause | null;
    /** The actor who proposed it (`system` for the ledger itself): four eyes need it. */
    proposedBy: string;
    /** ISO-8601 instant of the proposal: which measurements are "before" it. */
    proposedAt: string;
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

export interface ImprovementWithdrawn {
  type: 'ImprovementWithdrawn';
  data: { improvementId: string; reason: string };
}

export interface ImprovementPutOnHold {
  type: 'ImprovementPutOnHold';
  data: { improvementId: string; reason: string };
}

/** Back to the status it was put on hold from. */
export interface ImprovementResumed {
  type: 'ImprovementResumed';
  data: { improvementId: string; resumedTo: 'proposed' | 'approved' };
}

/** Schema version 2 (v1 had no `implementedAt`: the upcaster takes the recorded time). */
export interface ImprovementImplemented {
  type: 'ImprovementImplemented';
  data: { improvementId: string; implementedAt: string };
}

/**
 * Schema version 2: did we get there? (v1 carried only `actual`, typed in by hand.)
 * `targetMet` is derived from direction, actual and target when decided; null only on v1 events.
 */
export interface ImprovementEvaluated {
  type: 'ImprovementEvaluated';
  data: {
    improvementId: string;
    actual: number;
    actualSource: ValueSource;
    /** Null only on evaluations recorded before v2. */
    closure: ImprovementClosure | null;
    notes: string | null;
    targetMet: boolean | null;
  };
}

export type ImprovementEvent =
  | ImprovementProposed
  | ImprovementApproved
  | ImprovementRejected
  | ImprovementWithdrawn
  | ImprovementPutOnHold
  | ImprovementResumed
  | ImprovementImplemented
  | ImprovementEvaluated;
