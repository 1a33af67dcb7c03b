import { RuleViolated } from '../shared/domain-errors';
import { ImprovementStatus } from '../shared/vocabulary';

/** proposed → approved | rejected; approved → implemented; implemented → evaluated. */
export const IMPROVEMENT_LIFECYCLE: Readonly<
  Record<ImprovementStatus, readonly ImprovementStatus[]>
> = {
  proposed: ['approved', 'rejected'],
  approved: ['implemented'],
  rejected: [],
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
