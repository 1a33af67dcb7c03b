import { Command } from '@nestjs/cqrs';
import { ImprovementCommand } from '@app/domain';
import { CommandAnswer } from './command-answer';
import { CommandContext } from './command-context';
import { CommandIntent } from './command-intent';

/** What the handler fills in: the id, the actor, the clock's time and measured periods it reads. */
type HandlerFilled = 'improvementId' | 'proposedBy' | 'proposedAt' | 'actor' | 'measured';

type StatedIntent = CommandIntent<ImprovementCommand, HandlerFilled>;

/** An improvement command as a caller states it; `implementedAt` defaults to now. */
export type ImprovementIntent =
  | Exclude<StatedIntent, { type: 'ImplementImprovement' }>
  | { type: 'ImplementImprovement'; data: { implementedAt?: string } };

/** Any command on an improvement's stream; `improvementId` absent → the handler makes one. */
export class ExecuteImprovementCommand extends Command<CommandAnswer> {
  constructor(
    readonly improvementId: string | undefined,
    readonly intent: ImprovementIntent,
    readonly context: CommandContext,
  ) {
    super();
  }
}
