import {
  assertNever,
  Dimension,
  ImprovementCause,
  ImprovementClosure,
  ImprovementDirection,
  ImprovementStatus,
  ImprovementSubject,
  targetMet,
  ValueChainActivity,
  ValueSource,
} from '@app/domain';
import { ProjectedEvent, Projection } from '../projection';
import { DocumentSession } from '../read-model/read-model-store';
import { benefitRealizedPercent } from './benefit-realized';

/** When the improvement reached each stage (ISO-8601; null until it did). */
export interface ImprovementStageTimes {
  proposedAt: string;
  approvedAt: string | null;
  rejectedAt: string | null;
  withdrawnAt: string | null;
  /** The last time it was put on hold. */
  heldAt: string | null;
  /** The last time it was resumed. */
  resumedAt: string | null;
  /** When the change took effect (may be backdated), not when that was recorded. */
  implementedAt: string | null;
  evaluatedAt: string | null;
}

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
  direction: ImprovementDirection;
  baseline: number;
  baselineSource: ValueSource;
  target: number;
  targetDate: string | null;
  owner: string | null;
  objective: string | null;
  followsUp: string | null;
  cause: ImprovementCause | null;
  status: ImprovementStatus;
  actual: number | null;
  actualSource: ValueSource | null;
  targetMet: boolean | null;
  /** (actual − baseline) / (target − baseline) · 100; null until evaluated. */
  benefitRealizedPercent: number | null;
  closure: ImprovementClosure | null;
  notes: string | null;
  proposedBy: string;
  /** The event behind the proposal command (the measurement, for the ledger's own). */
  causationId: string | null;
  approvedBy: string | null;
  rejectedBy: string | null;
  evaluatedBy: string | null;
  /** Why it was rejected, withdrawn or (last) put on hold. */
  reason: string | null;
  stageTimes: ImprovementStageTimes;
}

/** The relationships' offerings and improvements, to find improvements by offering. */
interface RelationshipLinks {
  offeringIds: string[];
  improvementIds: string[];
}

/** Key of the by-offering index: every improvement about an offering or a relationship that provisions it. */
export function offeringIndexKey(offeringId: string, improvementId: string): string {
  return `${offeringId}:${improvementId}`;
}

const HANDLES = [
  'ServiceProvisioned',
  'ImprovementProposed',
  'ImprovementApproved',
  'ImprovementRejected',
  'ImprovementWithdrawn',
  'ImprovementPutOnHold',
  'ImprovementResumed',
  'ImprovementImplemented',
  'ImprovementEvaluated',
] as const;
type Handled = (typeof HANDLES)[number];

/**
 * The continual improvement register: one entry per improvement, every step's actor and time.
 * It also keeps the index the `offeringId` filter needs: an improvement is listed under an
 * offering when it is about that offering, or about a relationship that provisions (or once
 * provisioned) it — also when the provision is recorded after the proposal.
 */
export class ImprovementRegisterProjection implements Projection<Handled> {
  static readonly NAME = 'improvement-register';
  readonly name = ImprovementRegisterProjection.NAME;
  readonly version = 2;
  readonly handles = HANDLES;
  readonly collections = [
    {
      name: 'improvements',
      indexes: ['status', 'owner', 'dimension', 'valueChainActivity', 'subjectId'],
    },
    { name: 'relationship-links' },
    { name: 'by-offering' },
  ] as const;

  apply(session: DocumentSession, event: ProjectedEvent<Handled>): void {
    const at = event.metadata.recordedAt ?? event.recordedAt;
    const actor = event.metadata.actor ?? null;
    if (event.type === 'ServiceProvisioned') {
      const { relationshipId, offeringId } = event.data;
      const links = this.links(session, relationshipId);
      if (links.offeringIds.includes(offeringId)) return;
      links.offeringIds.push(offeringId);
      session.put('relationship-links', relationshipId, links);
      for (const id of links.improvementIds) indexByOffering(session, offeringId, id);
      return;
    }
    if (event.type === 'ImprovementProposed') {
      const d = event.data;
      if ('offeringId' in d.subject) {
        indexByOffering(session, d.subject.offeringId, d.improvementId);
      } else {
        const links = this.links(session, d.subject.relationshipId);
        links.improvementIds.push(d.improvementId);
        session.put('relationship-links', d.subject.relationshipId, links);
        for (const offeringId of links.offeringIds) {
          indexByOffering(session, offeringId, d.improvementId);
        }
      }
      session.put<RegisteredImprovement>('improvements', d.improvementId, {
        id: d.improvementId,
        subject: d.subject,
        subjectId: 'relationshipId' in d.subject ? d.subject.relationshipId : d.subject.offeringId,
        title: d.title,
        dimension: d.dimension,
        valueChainActivity: d.valueChainActivity,
        metric: d.metric,
        direction: d.direction,
        baseline: d.baseline,
        baselineSource: d.baselineSource,
        target: d.target,
        targetDate: d.targetDate,
        owner: d.owner,
        objective: d.objective,
        followsUp: d.followsUp,
        cause: d.cause,
        status: 'proposed',
        actual: null,
        actualSource: null,
        targetMet: null,
        benefitRealizedPercent: null,
        closure: null,
        notes: null,
        proposedBy: d.proposedBy,
        causationId: event.metadata.causationId ?? null,
        approvedBy: null,
        rejectedBy: null,
        evaluatedBy: null,
        reason: null,
        stageTimes: {
          proposedAt: d.proposedAt,
          approvedAt: null,
          rejectedAt: null,
          withdrawnAt: null,
          heldAt: null,
          resumedAt: null,
          implementedAt: null,
          evaluatedAt: null,
        },
      });
      return;
    }
    const { improvementId } = event.data;
    const entry = session.get<RegisteredImprovement>('improvements', improvementId);
    if (!entry) return;
    const times = entry.stageTimes;
    switch (event.type) {
      case 'ImprovementApproved':
        entry.status = 'approved';
        entry.approvedBy = actor;
        times.approvedAt = at;
        break;
      case 'ImprovementRejected':
        entry.status = 'rejected';
        entry.rejectedBy = actor;
        entry.reason = event.data.reason;
        times.rejectedAt = at;
        break;
      case 'ImprovementWithdrawn':
        entry.status = 'withdrawn';
        entry.reason = event.data.reason;
        times.withdrawnAt = at;
        break;
      case 'ImprovementPutOnHold':
        entry.status = 'on-hold';
        entry.reason = event.data.reason;
        times.heldAt = at;
        break;
      case 'ImprovementResumed':
        entry.status = event.data.resumedTo;
        entry.reason = null;
        times.resumedAt = at;
        break;
      case 'ImprovementImplemented':
        entry.status = 'implemented';
        times.implementedAt = event.data.implementedAt;
        break;
      case 'ImprovementEvaluated': {
        const d = event.data;
        entry.status = 'evaluated';
        entry.evaluatedBy = actor;
        times.evaluatedAt = at;
        entry.actual = d.actual;
        entry.actualSource = d.actualSource;
        entry.closure = d.closure;
        entry.notes = d.notes;
        // v1 evaluations did not record it: derived here, where the target is known.
        entry.targetMet = d.targetMet ?? targetMet(entry.direction, d.actual, entry.target);
        entry.benefitRealizedPercent = benefitRealizedPercent(
          entry.baseline,
          entry.target,
          d.actual,
        );
        break;
      }
      default:
        assertNever(event, 'event');
    }
    session.put('improvements', improvementId, entry);
  }

  private links(session: DocumentSession, relationshipId: string): RelationshipLinks {
    return (
      session.get<RelationshipLinks>('relationship-links', relationshipId) ?? {
        offeringIds: [],
        improvementIds: [],
      }
    );
  }
}

function indexByOffering(
  session: DocumentSession,
  offeringId: string,
  improvementId: string,
): void {
  session.put('by-offering', offeringIndexKey(offeringId, improvementId), { improvementId });
}
