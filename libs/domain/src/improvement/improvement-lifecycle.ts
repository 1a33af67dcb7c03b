import { RuleViolated } from '../shared/domain-errors';
import { ImprovementStatus } from '../shared/vocabulary';

/**
 * proposed → approved | rejected | withdrawn | on-hold; approved → implemented | withdrawn |
 * on-hold; implemented → evaluated. Leaving on-hold (resume) goes back to where it came from,
 * so it is not a row of this table: see `ensureResumable`.
 */
export const IMPROVEMENT_LIFECYCLE: Readonly<
  Record<ImprovementStatus, readonly ImprovementStatus[]>
> = {
  proposed: ['approved', 'rejected', 'withdrawn', 'on-hold'],
  approved: ['implemented', 'withdrawn', 'on-hold'],
  rejected: [],
  withdrawn: [],
  'on-hold': [],
  implemented: ['evaluated'],
  evaluated: [],
};

export function ensureLifecycleStep(
  improvementId: string,
  from: ImprovementStatus,
  to: ImprovementStatus,
): void {
  if (!IMPROVEMENT_LIFECYCLE[from].includes(to)) {
    throw new RuleViolated(
      'invalid-lifecycle-step',
      `improvement ${improvementId} cannot go from ${from} to ${to}`,
    );
  }
}

/** Only an improvement on hold can be resumed. */
export function ensureResumable(improvementId: string, from: ImprovementStatus): void {
  if (from !== 'on-hold') {
    throw new RuleViolated(
      'invalid-lifecycle-step',
      `improvement ${improvementId} cannot be resumed from ${from}: it is not on hold`,
    );
  }
}
