import {
  assertNever,
  Dimension,
  ImprovementDirection,
  ImprovementStatus,
  targetMet,
  ValueChainActivity,
} from '@app/domain';
import { ProjectedEvent, Projection } from '../projection';
import { DocumentSession } from '../read-model/read-model-store';
import { benefitRealizedPercent } from './benefit-realized';

/**
 * What the improvement analytics need of one improvement. The answer is aggregated at query
 * time from these documents: "overdue" depends on the clock at that moment, and medians need
 * every value; improvements are counted in hundreds or thousands, not millions.
 */
export interface ImprovementFacts {
  id: string;
  status: ImprovementStatus;
  dimension: Dimension;
  valueChainActivity: ValueChainActivity;
  direction: ImprovementDirection;
  baseline: number;
  target: number;
  targetDate: string | null;
  /** When each step was recorded: the process's own times, for cycle days and months. */
  proposedAt: string;
  approvedAt: string | null;
  implementedAt: string | null;
  evaluatedAt: string | null;
  targetMet: boolean | null;
  benefitRealizedPercent: number | null;
}

const HANDLES = [
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

/** Improvement analytics: one fact document per improvement (see ImprovementFacts). */
export class ImprovementAnalyticsProjection implements Projection<Handled> {
  static readonly NAME = 'improvement-analytics';
  readonly name = ImprovementAnalyticsProjection.NAME;
  readonly version = 2;
  readonly handles = HANDLES;
  readonly collections = [{ name: 'improvements', indexes: ['status'] }] as const;

  apply(session: DocumentSession, event: ProjectedEvent<Handled>): void {
    const at = event.metadata.recordedAt ?? event.recordedAt;
    if (event.type === 'ImprovementProposed') {
      const d = event.data;
      session.put<ImprovementFacts>('improvements', d.improvementId, {
        id: d.improvementId,
        status: 'proposed',
        dimension: d.dimension,
        valueChainActivity: d.valueChainActivity,
        direction: d.direction,
        baseline: d.baseline,
        target: d.target,
        targetDate: d.targetDate,
        proposedAt: at,
        approvedAt: null,
        implementedAt: null,
        evaluatedAt: null,
        targetMet: null,
        benefitRealizedPercent: null,
      });
      return;
    }
    const { improvementId } = event.data;
    const facts = session.get<ImprovementFacts>('improvements', improvementId);
    if (!facts) return;
    switch (event.type) {
      case 'ImprovementApproved':
        facts.status = 'approved';
        facts.approvedAt = at;
        break;
      case 'ImprovementRejected':
        facts.status = 'rejected';
        break;
      case 'ImprovementWithdrawn':
        facts.status = 'withdrawn';
        break;
      case 'ImprovementPutOnHold':
        facts.status = 'on-hold';
        break;
      case 'ImprovementResumed':
        facts.status = event.data.resumedTo;
        break;
      case 'ImprovementImplemented':
        facts.status = 'implemented';
        facts.implementedAt = at;
        break;
      case 'ImprovementEvaluated': {
        const d = event.data;
        facts.status = 'evaluated';
        facts.evaluatedAt = at;
        facts.targetMet = d.targetMet ?? targetMet(facts.direction, d.actual, facts.target);
        facts.benefitRealizedPercent = benefitRealizedPercent(
          facts.baseline,
          facts.target,
          d.actual,
        );
        break;
      }
      default:
        assertNever(event, 'event');
    }
    session.put('improvements', improvementId, facts);
  }
}
