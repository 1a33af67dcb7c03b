import { Logger } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import { RuleViolated, SYSTEM_ACTOR as LEDGER_SYSTEM_ACTOR } from '@app/domain';
import { RevisionConflict } from '@app/event-store';
import { ConcurrentModification, ExecuteImprovementCommand, PreconditionFailed } from '@app/ledger';
import { BreachStreakTrigger } from '@app/projections';
import { ProposeImprovementForBreachStreak } from './propose-improvement-for-breach-streak.command';
import { SystemProposals } from './system-proposals';

/** The actor of everything the ledger does on its own. */
export const SYSTEM_ACTOR = LEDGER_SYSTEM_ACTOR;

/** The ledger's own proposals aim to restore the warranty within 90 days. */
const TARGET_DAYS = 90;
const DAY_MS = 86_400_000;

/**
 * Proposes the improvement through the ordinary command path (load → decide → append), so the
 * domain's rules hold for the ledger as for anyone. The id is derived from the streak and the
 * stream must not exist yet: a second attempt (after a restart, a rebuild or a replay) finds
 * the first one and appends nothing.
 *
 * The proposal is about the offering (its warranty is what breached), names the relationship
 * and the measurements as its cause, and has no owner: the ledger cannot name a person; whoever
 * approves it takes it on (the register lists unowned proposals for triage).
 */
@CommandHandler(ProposeImprovementForBreachStreak)
export class ProposeImprovementForBreachStreakHandler implements ICommandHandler<ProposeImprovementForBreachStreak> {
  private readonly logger = new Logger('BreachStreakSaga');

  constructor(
    private readonly commandBus: CommandBus,
    private readonly proposals: SystemProposals,
  ) {}

  execute({ trigger }: ProposeImprovementForBreachStreak): Promise<void> {
    return this.proposals.track(this.propose(trigger));
  }

  private async propose(trigger: BreachStreakTrigger): Promise<void> {
    const periods = trigger.measurementIds.length;
    const command = new ExecuteImprovementCommand(
      trigger.improvementId,
      {
        type: 'ProposeImprovement',
        data: {
          subject: { offeringId: trigger.offeringId },
          title: `Restore ${trigger.metric} of offering ${trigger.offeringId}: ${periods} periods in a row breached its warranty (${trigger.comparison} ${trigger.target} ${trigger.unit}) in relationship ${trigger.relationshipId}`,
          dimension: 'information-and-technology',
          valueChainActivity: 'improve',
          metric: trigger.metric,
          direction: trigger.comparison === 'at-least' ? 'increase' : 'decrease',
          baseline: trigger.baseline,
          target: trigger.target,
          targetDate: new Date(Date.parse(trigger.lastPeriodEnd) + TARGET_DAYS * DAY_MS)
            .toISOString()
            .slice(0, 10),
          owner: null,
          cause: { relationshipId: trigger.relationshipId, measurementIds: trigger.measurementIds },
        },
      },
      {
        actor: SYSTEM_ACTOR,
        correlationId: trigger.correlationId ?? undefined,
        causationId: trigger.eventId,
        requestHash: createHash('sha256')
          .update(`breach-streak:${trigger.improvementId}`)
          .digest('hex'),
      },
    );
    try {
      const answer = await this.commandBus.execute(command);
      this.logger.log(
        `proposed improvement ${answer.id} after ${periods} breached periods of ${trigger.metric} in a row (event ${trigger.eventId})`,
      );
    } catch (error) {
      if (
        error instanceof RuleViolated ||
        error instanceof RevisionConflict ||
        error instanceof ConcurrentModification ||
        error instanceof PreconditionFailed
      ) {
        // Already proposed (idempotent no-op), or the subject no longer takes improvements.
        this.logger.debug?.(`improvement ${trigger.improvementId} not proposed: ${error.message}`);
        return;
      }
      this.logger.error(
        `could not propose improvement ${trigger.improvementId}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
