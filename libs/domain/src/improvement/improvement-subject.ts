import { OfferingState } from '../offering/offering.state';
import { RelationshipState } from '../relationship/relationship.state';
import { RuleViolated } from '../shared/domain-errors';
import { streamIdOf } from '../shared/stream-ids';
import { ImprovementSubject } from './improvement.events';

/** The stream the command handler loads to check an improvement's subject. */
export function improvementSubjectStreamId(subject: ImprovementSubject): string {
  return 'relationshipId' in subject
    ? streamIdOf('relationship', subject.relationshipId)
    : streamIdOf('offering', subject.offeringId);
}

/** The subject's state as the handler loaded it, tagged by kind. */
export type ImprovementSubjectState =
  { kind: 'relationship'; state: RelationshipState } | { kind: 'offering'; state: OfferingState };

/**
 * Cross-aggregate rule for ProposeImprovement: the subject exists and is open — nothing is
 * recorded about an ended relationship or a retired offering. The command handler loads
 * `improvementSubjectStreamId(subject)` (`relationship-<id>` or `offering-<id>`), folds it with
 * that aggregate's decider, and calls this before deciding on the improvement's stream.
 */
export function ensureImprovementSubjectOpen(
  subject: ImprovementSubject,
  loaded: ImprovementSubjectState,
): void {
  if ('relationshipId' in subject) {
    const id = subject.relationshipId;
    if (loaded.kind !== 'relationship') throw new TypeError('subject is a relationship');
    if (loaded.state.status === 'unestablished') throw unknownSubject('relationship', id);
    if (loaded.state.status === 'ended') {
      throw new RuleViolated('relationship-ended', `relationship ${id} has ended`);
    }
    return;
  }
  const id = subject.offeringId;
  if (loaded.kind !== 'offering') throw new TypeError('subject is an offering');
  if (loaded.state.status === 'unpublished') throw unknownSubject('offering', id);
  if (loaded.state.status === 'retired') {
    throw new RuleViolated('offering-retired', `offering ${id} is retired`);
  }
}

function unknownSubject(kind: 'relationship' | 'offering', id: string): RuleViolated {
  return new RuleViolated('unknown-subject', `improvement subject ${kind} ${id} does not exist`);
}
