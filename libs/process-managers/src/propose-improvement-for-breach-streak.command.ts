import { Command } from '@nestjs/cqrs';
import { BreachStreakTrigger } from '@app/projections';

/** The ledger's own reaction to an availability breach streak: propose an improvement, once. */
export class ProposeImprovementForBreachStreak extends Command<void> {
  constructor(readonly trigger: BreachStreakTrigger) {
    super();
  }
}
