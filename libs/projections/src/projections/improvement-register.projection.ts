import { Dimension, ImprovementStatus, ImprovementSubject, ValueChainActivity } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { Projection } from '../projection';
import { DocumentSession } from '../read-model/read-model-store';
import { benefitRealized } from './benefit-realized';
import { dataOf } from './event-data';
import { millisBetween } from './month-of';

/** One entry of the continual improvement register. */
export interface RegisteredImprovement {
  id: string;
  subject: ImprovementSubject;
  /** The relationship or offering id, for filtering. */
  subjectId: string;
  title: string;
  dimension: Dimension;
  valueChainActivity: ValueChainActivity;
  metric: string;
  baseline: number;
  target: number;
  actual: number | null;
  benefitRealized: number | null;
  status: ImprovementStatus;
  proposedBy: string | null;
  /** The event that caused the proposal (e.g. the measurement behind an automatic one). */
  causationId: string | null;
  proposedAt: string;
  approvedAt: string | null;
  rejectedAt: string | null;
  rejectionReason: string | null;
  implementedAt: string | null;
  evaluatedAt: string | null;
  /** From proposal to evaluation, in milliseconds. */
  cycleTimeMs: number | null;
}

/** The continual improvement register. */
export class ImprovementRegisterProjection implements Projection {
  static readonly NAME = 'improvement-register';
  readonly name = ImprovementRegisterProjection.NAME;
  readonly version = 1;
  readonly handles = [
    'ImprovementProposed',
    'ImprovementApproved',
    'ImprovementRejected',
    'ImprovementImplemented',
    'ImprovementEvaluated',
  ] as const;
  readonly collections = [
    { name: 'improvements', indexes: ['status', 'dimension', 'valueChainActivity', 'subjectId'] },
  ] as const;

  apply(session: DocumentSession, event: RecordedEvent): void {
    const at = event.metadata.recordedAt;
    if (event.type === 'ImprovementProposed') {
      const { improvementId, subject, ...rest } = dataOf(event, 'ImprovementProposed');
      session.put<RegisteredImprovement>('improvements', improvementId, {
        id: improvementId,
        subject,
        subjectId: 'relationshipId' in subject ? subject.relationshipId : subject.offeringId,
        ...rest,
        actual: null,
        benefitRealized: null,
        status: 'proposed',
        proposedBy: event.metadata.actor ?? null,
        causationId: event.metadata.causationId ?? null,
        proposedAt: at,
        approvedAt: null,
        rejectedAt: null,
        rejectionReason: null,
        implementedAt: null,
        evaluatedAt: null,
        cycleTimeMs: null,
      });
      return;
    }
    const { improvementId } = event.data as { improvementId: string };
    const improvement = session.get<RegisteredImprovement>('improvements', improvementId);
    if (!improvement) return;
    switch (event.type) {
      case 'ImprovementApproved':
        improvement.status = 'approved';
        improvement.approvedAt = at;
        break;
      case 'ImprovementRejected':
        improvement.status = 'rejected';
        improvement.rejectedAt = at;
        improvement.rejectionReason = dataOf(event, 'ImprovementRejected').reason;
        break;
      case 'ImprovementImplemented':
        improvement.status = 'implemented';
        improvement.implementedAt = at;
        break;
      case 'ImprovementEvaluated': {
        const { actual } = dataOf(event, 'ImprovementEvaluated');
        improvement.status = 'evaluated';
        improvement.evaluatedAt = at;
        improvement.actual = actual;
        improvement.benefitRealized = benefitRealized(
          improvement.baseline,
          improvement.target,
          actual,
        );
        improvement.cycleTimeMs = millisBetween(improvement.proposedAt, at);
        break;
      }
      default:
        return;
    }
    session.put('improvements', improvementId, improvement);
  }
}
