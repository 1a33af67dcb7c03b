import { Command } from '@nestjs/cqrs';
import { ImprovementCommand } from '@app/domain';
import { CommandAnswer } from './command-answer';
import { CommandContext } from './command-context';
import { CommandIntent } from './command-intent';

export type ImprovementIntent = CommandIntent<ImprovementCommand, 'improvementId'>;

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
