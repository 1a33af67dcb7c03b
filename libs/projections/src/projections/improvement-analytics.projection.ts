import {
  Dimension,
  FOUR_DIMENSIONS,
  IMPROVEMENT_STATUSES,
  ImprovementStatus,
  VALUE_CHAIN_ACTIVITIES,
  ValueChainActivity,
} from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { Projection } from '../projection';
import { DocumentSession } from '../read-model/read-model-store';
import { benefitRealized } from './benefit-realized';
import { dataOf } from './event-data';
import { millisBetween } from './month-of';

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** Totals over the whole improvement register (one document). */
export interface ImprovementTotals {
  total: number;
  byStatus: Record<ImprovementStatus, number>;
  byDimension: Record<Dimension, number>;
  byValueChainActivity: Record<ValueChainActivity, number>;
  /** Per dimension, how many are in each status. */
  statusByDimension: Record<Dimension, Record<ImprovementStatus, number>>;
  cycleTime: { count: number; totalMs: number; minMs: number | null; maxMs: number | null };
  benefit: { count: number; total: number; min: number | null; max: number | null };
}

/** What the analytics need to remember of one improvement between its events. */
interface TrackedImprovement {
  status: ImprovementStatus;
  dimension: Dimension;
  baseline: number;
  target: number;
  proposedAt: string;
}

export const IMPROVEMENT_TOTALS_KEY = 'all';

export function emptyImprovementTotals(): ImprovementTotals {
  return {
    total: 0,
    byStatus: zeroes(IMPROVEMENT_STATUSES),
    byDimension: zeroes(FOUR_DIMENSIONS),
    byValueChainActivity: zeroes(VALUE_CHAIN_ACTIVITIES),
    statusByDimension: Object.fromEntries(
      FOUR_DIMENSIONS.map((d) => [d, zeroes(IMPROVEMENT_STATUSES)]),
    ) as Record<Dimension, Record<ImprovementStatus, number>>,
    cycleTime: { count: 0, totalMs: 0, minMs: null, maxMs: null },
    benefit: { count: 0, total: 0, min: null, max: null },
  };
}

/** Improvement analytics: counts by status, dimension and activity; cycle time; benefit realized. */
export class ImprovementAnalyticsProjection implements Projection {
  static readonly NAME = 'improvement-analytics';
  readonly name = ImprovementAnalyticsProjection.NAME;
  readonly version = 1;
  readonly handles = [
    'ImprovementProposed',
    'ImprovementApproved',
    'ImprovementRejected',
    'ImprovementImplemented',
    'ImprovementEvaluated',
  ] as const;
  readonly collections = [{ name: 'totals' }, { name: 'improvements' }] as const;

  apply(session: DocumentSession, event: RecordedEvent): void {
    const totals =
      session.get<ImprovementTotals>('totals', IMPROVEMENT_TOTALS_KEY) ?? emptyImprovementTotals();
    const at = event.metadata.recordedAt;
    if (event.type === 'ImprovementProposed') {
      const data = dataOf(event, 'ImprovementProposed');
      session.put<TrackedImprovement>('improvements', data.improvementId, {
        status: 'proposed',
        dimension: data.dimension,
        baseline: data.baseline,
        target: data.target,
        proposedAt: at,
      });
      totals.total++;
      totals.byStatus.proposed++;
      totals.byDimension[data.dimension]++;
      totals.byValueChainActivity[data.valueChainActivity]++;
      totals.statusByDimension[data.dimension].proposed++;
      session.put('totals', IMPROVEMENT_TOTALS_KEY, totals);
      return;
    }
    const { improvementId } = event.data as { improvementId: string };
    const tracked = session.get<TrackedImprovement>('improvements', improvementId);
    if (!tracked) return;
    const next = statusAfter(event.type);
    if (!next) return;
    totals.byStatus[tracked.status]--;
    totals.byStatus[next]++;
    totals.statusByDimension[tracked.dimension][tracked.status]--;
    totals.statusByDimension[tracked.dimension][next]++;
    tracked.status = next;
    if (event.type === 'ImprovementEvaluated') {
      const { actual } = dataOf(event, 'ImprovementEvaluated');
      const cycle = millisBetween(tracked.proposedAt, at);
      const c = totals.cycleTime;
      c.count++;
      c.totalMs += cycle;
      c.minMs = c.minMs === null ? cycle : Math.min(c.minMs, cycle);
      c.maxMs = c.maxMs === null ? cycle : Math.max(c.maxMs, cycle);
      const benefit = benefitRealized(tracked.baseline, tracked.target, actual);
      if (benefit !== null) {
        const b = totals.benefit;
        b.count++;
        b.total += benefit;
        b.min = b.min === null ? benefit : Math.min(b.min, benefit);
        b.max = b.max === null ? benefit : Math.max(b.max, benefit);
      }
      // Evaluated is final: nothing of it is needed any more.
      session.delete('improvements', improvementId);
    } else {
      session.put('improvements', improvementId, tracked);
    }
    session.put('totals', IMPROVEMENT_TOTALS_KEY, totals);
  }
}

function statusAfter(type: string): ImprovementStatus | undefined {
  switch (type) {
    case 'ImprovementApproved':
      return 'approved';
    case 'ImprovementRejected':
      return 'rejected';
    case 'ImprovementImplemented':
      return 'implemented';
    case 'ImprovementEvaluated':
      return 'evaluated';
    default:
      return undefined;
  }
}
