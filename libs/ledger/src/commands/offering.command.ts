import { Command } from '@nestjs/cqrs';
import { OfferingCommand } from '@app/domain';
import { CommandAnswer } from './command-answer';
import { CommandContext } from './command-context';
import { CommandIntent } from './command-intent';

export type OfferingIntent = CommandIntent<OfferingCommand, 'offeringId'>;

/** Any command on an offering's stream; `offeringId` absent → the handler makes one. */
export class ExecuteOfferingCommand extends Command<CommandAnswer> {
  constructor(
    readonly offeringId: string | undefined,
    readonly intent: OfferingIntent,
    readonly context: CommandContext,
  ) {
    super();
  }
}
