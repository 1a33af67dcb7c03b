import { RuleViolated } from '../shared/domain-errors';
import { ImprovementState } from './improvement.state';

/**
 * Cross-aggregate rule for ProposeImprovement: `followsUp` names an improvement that exists.
 * The command handler loads `improvement-<followsUp>` and calls this before deciding.
 */
export function ensureFollowsUpExists(followsUp: string, earlier: ImprovementState): void {
  if (earlier.status === 'unproposed') {
    throw new RuleViolated(
      'unknown-follow-up',
      `followsUp names improvement ${followsUp}, which does not exist`,
    );
  }
}
