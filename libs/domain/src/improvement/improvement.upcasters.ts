import { storedRecordedAt, UpcasterChain } from '../shared/upcasting';
import { ImprovementEvent } from './improvement.events';

/**
 * Improvement events recorded by v1 code, read in their v2 shape. v1 knew no direction (the
 * target's side of the baseline says it), no target date, owner or objective (null), and every
 * baseline and actual was typed in (`stated`). The proposer and the implementation time were
 * only in the metadata (actor, recordedAt). A v1 evaluation has no closure and, without the
 * proposal at hand, no `targetMet` (null: readers that know the proposal derive it).
 */
export const IMPROVEMENT_UPCASTERS: Partial<Record<ImprovementEvent['type'], UpcasterChain>> = {
  ImprovementProposed: {
    1: (data, metadata) => ({
      ...data,
      direction: Number(data.target) >= Number(data.baseline) ? 'increase' : 'decrease',
      baselineSource: 'stated',
      targetDate: null,
      owner: null,
      objective: null,
      followsUp: null,
      cause: null,
      proposedBy: typeof metadata.actor === 'string' ? metadata.actor : 'unknown',
      proposedAt: storedRecordedAt(metadata),
    }),
  },
  ImprovementImplemented: {
    1: (data, metadata) => ({ ...data, implementedAt: storedRecordedAt(metadata) }),
  },
  ImprovementEvaluated: {
    1: (data) => ({
      ...data,
      actualSource: 'stated',
      closure: null,
      notes: null,
      targetMet: null,
    }),
  },
};
