import { RuleViolated } from '../shared/domain-errors';

/** The actor of everything the ledger does on its own (the breach-streak saga's proposals). */
export const SYSTEM_ACTOR = 'system';

/**
 * Four eyes: whoever approves or rejects an improvement is not who proposed it. The ledger's
 * own proposals are excepted: the system has no second pair of eyes to spare, a person decides.
 */
export function ensureFourEyes(improvementId: string, proposedBy: string, actor: string): void {
  if (proposedBy !== SYSTEM_ACTOR && proposedBy === actor) {
    throw new RuleViolated(
      'approver-is-proposer',
      `improvement ${improvementId} was proposed by ${actor}: another actor must approve or reject it`,
    );
  }
}
